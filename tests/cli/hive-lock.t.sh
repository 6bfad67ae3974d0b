# Two writers on one hive: the second fails with a clear message while the
# first holds the advisory lock; concurrent writers never lose an update.
. "$TESTLIB"
need_cmd flock
hp new --mount 'HKLM\SOFTWARE' h >/dev/null || fail new
flock h sleep 3 &
sleep 0.5
expect_exit 3 hp set h 'HKLM\SOFTWARE\K' v dword 1
assert_contains err.txt 'another process is writing this hive'
wait
expect_exit 0 hp set h 'HKLM\SOFTWARE\K' v dword 1

# Eight writers at once, each setting its own value.
i=0
while [ $i -lt 8 ]; do
	( hp set h 'HKLM\SOFTWARE\K' "v$i" dword $i > out$i 2> err$i; echo $? > rc$i ) &
	i=$((i + 1))
done
wait
i=0
while [ $i -lt 8 ]; do
	rc=$(cat rc$i)
	if [ "$rc" -eq 0 ]; then
		[ "$(hp get h 'HKLM\SOFTWARE\K' "v$i")" = "$i" ] ||
		    fail "writer $i succeeded but its value was lost"
	else
		[ "$rc" -eq 3 ] || fail "writer $i: exit $rc: $(cat err$i)"
		grep -q 'another process is writing' err$i || fail "writer $i: $(cat err$i)"
	fi
	i=$((i + 1))
done
exit 0
