# Every file under ../shared/corpus/hives: valid hives list fully with
# "ls -R" (exit 0); everything else fails with exit 2 and one error line
# naming the file, never a crash or a hang.
. "$TESTLIB"
need_shared
corpus=$SHARED/corpus/hives
# Not usable primary hives, per corpus/MANIFEST.md: transaction logs,
# Windows 9x CREG files, truncated or corrupt files, bad checksums, walk
# errors (BadListHive, InvalidParentHive).  System_Delta (a Windows 10
# layered hive with tombstones) and TruncatedPairHive2 (a key name with a
# lone UTF-16 surrogate) are valid for Windows but libhivex cannot decode
# them; they must still fail cleanly.  BadBaseBlockHive's bad base block
# is recovered from its log (hive-recover.t.sh), its log alone is not.
invalid="dfwinreg/NTUSER.DAT.LOG dfwinreg/SYSTEM.DAT dfwinreg/USER.DAT
python-registry/new_log_2/SYSTEM.LOG2 regipy/SYSTEM_B.LOG1 regipy/SYSTEM_B.LOG2
regipy/UsrClass.dat.LOG1 regipy/UsrClass.dat.LOG2 regipy/corrupted_system_hive
regipy/transactions_ntuser.dat.log1 regipy/transactions_ntuser.dat.log2
samba/regfio_corrupt_hbin1.dat samba/regfio_corrupt_lf_subkeys.dat
yarp/BadBaseBlockHive/BadBaseBlockHive.LOG1
yarp/BadListHive yarp/DeletedDataHiveTruncated yarp/EffectiveSizeHive
yarp/InvalidParentHive yarp/NewDirtyHive1/NewDirtyHive.LOG1
yarp/NewDirtyHive1/NewDirtyHive.LOG2 yarp/System_Delta yarp/TruncatedHive
yarp/TruncatedNameHive yarp/TruncatedPairHive2"
n=0
for f in $(cd "$corpus" && find . -type f | sed 's|^\./||' | sort); do
	n=$((n + 1))
	timeout 600 ${HIVEPOL_WRAP:-} "$HIVEPOL" ls -R "$corpus/$f" > out.txt 2> err.txt
	rc=$?
	grep -v '^hivepol: warning: ' err.txt > errors.txt
	case " $(echo $invalid) " in
	*" $f "*)
		[ "$rc" -eq 2 ] || fail "$f: expected exit 2, got $rc"
		[ "$(wc -l < errors.txt)" -eq 1 ] ||
		    fail "$f: expected one error line, got: $(cat errors.txt)"
		assert_contains errors.txt "$corpus/$f"
		;;
	*)
		[ "$rc" -eq 0 ] || fail "$f: expected a full listing, got exit $rc: $(cat err.txt)"
		[ -s out.txt ] || fail "$f: empty listing"
		;;
	esac
done
[ "$n" -gt 60 ] || fail "only $n corpus files found"
echo "checked $n files"
