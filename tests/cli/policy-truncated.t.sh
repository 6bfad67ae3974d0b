# A policy cut short anywhere is either still valid or a clean input
# error (exit 2 with file:line), never a crash.
. "$TESTLIB"
pol="$TESTDATA/../../policies/lcs-client.conf"
n=$(wc -c < "$pol")
i=1
while [ "$i" -lt "$n" ]; do
	head -c "$i" "$pol" > cut.conf
	hp policy lint cut.conf > out.txt 2> err.txt
	rc=$?
	case $rc in
	0) ;;
	2) grep -q "cut.conf:[0-9]*: " err.txt ||
	       { cat err.txt; fail "cut at $i: no file:line"; } ;;
	*) cat err.txt; fail "cut at $i: exit $rc" ;;
	esac
	i=$((i + 89))
done
exit 0
