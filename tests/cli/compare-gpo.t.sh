# compare: GPMC backup folders (Microsoft's Windows 10 2004 baseline and
# DISA's STIG GPO), as Policy Analyzer is used on them: the matrix of
# their registry.pol files, **del. entries as deletions, checked against
# the one Samba's parser gives for the same files.
. "$TESTLIB"
need_shared
need_cmd jq
py=$(debian_python) || skip "no /usr/bin/python3"
"$py" -c 'from samba.gp_parse.gp_pol import GPPolParser' 2>/dev/null ||
    skip "python3-samba is not installed"
gpo=$SHARED/corpus/gpo
ms="$gpo/msft-sct-win10-2004/{D0BECB24-5EBF-40BE-820D-F572C81FF2DB}"
disa="$gpo/disa-stig-sos/{DCA57422-099D-4D9E-AC02-4913007A6302}"
pol=DomainSysvol/GPO/Machine/registry.pol
[ -f "$ms/$pol" ] && [ -f "$disa/$pol" ] || skip "the backups are not in the corpus"

hp compare --format json "$ms" "$disa" > out.json
rc=$?
"$py" "$(dirname "$TESTLIB")/pol-matrix.py" "$ms/$pol" "$disa/$pol" | sort > samba.tsv
jq -r -f "$(dirname "$TESTLIB")/compare-rows.jq" out.json | sort > ours.tsv
diff samba.tsv ours.tsv > matrix.diff ||
    { cut -c1-160 matrix.diff | head; fail "the matrix differs from Samba's"; }
conflicts=$(grep -c '	conflict	' samba.tsv)
[ "$conflicts" -ge 1 ] || fail "no conflict between the baselines"
[ "$rc" -eq 1 ] || fail "exit $rc with $conflicts conflicts"
[ "$(jq .summary.conflict out.json)" -eq "$conflicts" ] || fail "summary"
jq -e 'all(.sources[]; .format == "gpo")' out.json > /dev/null || fail "format"
# Both delete fAllowFullControl: a repeat of two deletions.
grep -q '^software\\policies\\microsoft\\windows nt\\terminal services	fallowfullcontrol	repeat	delete delete$' ours.tsv ||
    fail "deletion repeat: $(grep -i fallowfullcontrol ours.tsv)"
# A deletion in DISA's only: single.
grep -q '^software\\policies\\microsoft\\windows\\powershell\\transcription	enableinvocationheader	single	- delete$' ours.tsv ||
    fail "lone deletion: $(grep -i enableinvocationheader ours.tsv)"

# The same in text, conflicts marked on each cell.
expect_exit 1 hp compare "$ms" "$disa"
[ "$(grep -c '^  .* conflict  .* conflict$' out.txt)" -eq "$conflicts" ] ||
    fail "text conflicts"
grep -q '^  "fAllowFullControl" *\[1\] delete repeat  *\[2\] delete repeat$' out.txt ||
    fail "text deletion"
exit 0
