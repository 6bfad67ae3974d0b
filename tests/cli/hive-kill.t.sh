# A commit killed with SIGKILL at random points leaves the hive either as
# it was or fully changed, never a mix (rename is the only step that
# touches the original).
. "$TESTLIB"
need_shared
src=$SHARED/corpus/hives/regipy/SYSTEM	# 11 MB, clean
[ -f "$src" ] || skip "corpus SYSTEM hive absent"
cp "$src" SYSTEM
hp ls -R SYSTEM > before.txt 2>/dev/null || fail "ls before"
i=0
while [ $i -lt 8 ]; do
	cp "$src" SYSTEM
	"$HIVEPOL" set SYSTEM 'Select' HivepolKill dword $i > /dev/null 2>&1 &
	pid=$!
	# Spread the kills over the commit (0 to 175 ms; one takes about 130).
	sleep "0.$(printf %03d $((i * 25)))"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	if cmp -s SYSTEM "$src"; then
		echo "kill $i: old hive"
	else
		[ "$(hp get SYSTEM Select HivepolKill 2>/dev/null)" = "$i" ] ||
		    fail "kill $i: hive changed but lacks the new value"
		hp ls -R SYSTEM | grep -v HivepolKill > after.txt ||
		    fail "kill $i: changed hive does not list"
		grep -v HivepolKill before.txt | cmp -s - after.txt ||
		    fail "kill $i: other content changed"
		echo "kill $i: new hive"
	fi
	rm -f .SYSTEM.*		# temporaries a killed process leaves
	i=$((i + 1))
done
exit 0
