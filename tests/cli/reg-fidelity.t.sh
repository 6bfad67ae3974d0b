# Export -> import into a new empty hive -> export again gives the same
# .reg file, and every value keeps its type and bytes, for every hive in
# ../shared/corpus/hives that hivepol opens.  hivepol refuses to create
# keys with names outside printable ASCII (libhivex would sort them in a
# way Windows misreads): for hives holding such keys the refusal must be
# clean (exit 2, the new hive untouched), and the round trip is then
# checked on the ASCII subset: the export without those keys' sections.
. "$TESTLIB"
need_shared
need_cmd python3
corpus=$SHARED/corpus/hives
m='HKLM\SOFTWARE'
cat > subset.py <<'PY'
# subset.py MODE IN OUT: drop what names a key outside printable ASCII.
# MODE reg: sections of a UTF-16 .reg file; MODE json: ls -R --json lines.
import json, sys
mode, src, dst = sys.argv[1:]
def ascii_key(k):
    return all(0x20 <= ord(c) <= 0x7e for c in k)
if mode == "reg":
    text = open(src, "rb").read().decode("utf-16")
    head, *secs = text.split("\r\n\r\n[")
    def name(s):
        line = s.split("\r\n")[0]
        return line[:line.rindex("]")]
    keep = [s for s in secs if ascii_key(name(s))]
    out = "\r\n\r\n[".join([head] + keep).rstrip("\r\n") + "\r\n\r\n"
    open(dst, "wb").write(out.encode("utf-16"))
else:
    with open(src) as f, open(dst, "w") as o:
        for line in f:
            if ascii_key(json.loads(line)["key"]):
                o.write(line)
PY
n=0 subset=0
for f in $(cd "$corpus" && find . -type f | sed 's|^\./||' | sort); do
	hp ls -R --json --mount "$m" "$corpus/$f" > orig.json 2> /dev/null ||
	    continue
	n=$((n + 1))
	rm -f new.hive a.reg b.reg
	hp export --mount "$m" "$corpus/$f" -o a.reg 2> err.txt ||
	    fail "$f: export failed: $(cat err.txt)"
	hp new --mount "$m" new.hive > /dev/null || fail "$f: new"
	cp new.hive empty.hive
	hp import new.hive a.reg > out.txt 2> err.txt
	rc=$?
	if [ "$rc" -ne 0 ]; then
		[ "$rc" -eq 2 ] || fail "$f: import exit $rc: $(cat err.txt)"
		assert_contains err.txt 'only printable ASCII key names'
		cmp -s new.hive empty.hive ||
		    fail "$f: a refused import changed the hive"
		python3 subset.py reg a.reg sub.reg || fail "$f: subset.py"
		mv sub.reg a.reg
		python3 subset.py json orig.json sub.json || fail "$f: subset"
		mv sub.json orig.json
		hp import new.hive a.reg > out.txt 2> err.txt ||
		    fail "$f: import of the ASCII subset: $(cat err.txt)"
		subset=$((subset + 1))
	fi
	hp export new.hive -o b.reg 2> err.txt || fail "$f: re-export"
	cmp -s a.reg b.reg || {
		iconv -f UTF-16 -t UTF-8 a.reg > a.txt
		iconv -f UTF-16 -t UTF-8 b.reg > b.txt
		diff a.txt b.txt | head -20
		fail "$f: the second export differs"
	}
	hp ls -R --json new.hive > new.json || fail "$f: ls"
	cmp -s orig.json new.json || fail "$f: values differ after the round trip"
done
[ "$n" -gt 30 ] || fail "only $n hives opened"
echo "round-tripped $n hives ($subset through their ASCII subset)"
