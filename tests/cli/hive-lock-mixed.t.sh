# Different commands writing one hive at once (set, import, rm, apply),
# each retrying while another holds the lock: every one of them finally
# succeeds and every change is in the hive (no update lost, none undone by
# a writer that read the hive before another's commit).
. "$TESTLIB"
pol=$TESTDATA/../../policies/lcs-client.conf
k='HKLM\SOFTWARE\K'
hp new --mount 'HKLM\SOFTWARE' h >/dev/null || fail new
i=0
while [ $i -lt 4 ]; do
	hp set h "$k" "old$i" dword $i >/dev/null || fail "set old$i"
	printf 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\K\\I%s]\r\n"v"=dword:%08x\r\n' \
	    $i $i > in$i.reg
	i=$((i + 1))
done
# retry NAME CMD...: runs CMD until it succeeds; exit 3 "another process
# is writing" is the only failure allowed on the way.
retry() {
	name=$1
	shift
	n=0
	while :; do
		"$HIVEPOL" "$@" > out.$name 2> err.$name && { echo 0 > rc.$name; return; }
		grep -q 'another process is writing' err.$name ||
		    { echo "bad: $(cat err.$name)" > rc.$name; return; }
		n=$((n + 1))
		[ $n -lt 400 ] || { echo "gave up" > rc.$name; return; }
		sleep 0.0$((n % 7 + 1))
	done
}
i=0
while [ $i -lt 4 ]; do
	retry set$i set h "$k" "new$i" dword $i &
	retry import$i import h in$i.reg &
	retry rm$i rm h "$k" "old$i" &
	i=$((i + 1))
done
retry apply apply --allow-uncovered -p "$pol" h &
wait
for f in rc.*; do
	[ "$(cat "$f")" = 0 ] || fail "${f#rc.}: $(cat "$f")"
done
[ "$(ls rc.* | wc -l)" -eq 13 ] || fail "writers missing: $(ls rc.*)"
i=0
while [ $i -lt 4 ]; do
	[ "$(hp get h "$k" "new$i")" = $i ] || fail "lost set new$i"
	[ "$(hp get h "$k\\I$i" v)" = $i ] || fail "lost import $i"
	hp get h "$k" "old$i" > /dev/null 2>&1 && fail "lost rm old$i"
	i=$((i + 1))
done
expect_exit 0 hp check --allow-uncovered -p "$pol" h
exit 0
