# XML attacks beyond template-bad: entities and DTDs pointing at the
# network (a local listener proves nothing is fetched), parameter entities,
# a hostile ADML beside a clean ADMX, XInclude (never processed: a local
# file named by xi:include never shows up), a 20 MB attribute and deep
# nesting.
. "$TESTLIB"
T=$(dirname "$TESTLIB")/../../templates
py=$(debian_python) || skip "python3 absent"

# A listener that records any connection made to it.
$py -c '
import socket, sys
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(8)
print(s.getsockname()[1], flush=True)
s.settimeout(120)
while True:
    try:
        c, _ = s.accept()
    except Exception:
        break
    open("connected", "a").write("x\n")
    c.close()
' > port &
listener=$!
trap 'kill $listener 2>/dev/null' EXIT
i=0
while [ ! -s port ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
port=$(cat port)
[ -n "$port" ] || fail "listener did not start"
url=http://127.0.0.1:$port

head='<policyDefinitions xmlns="http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions" revision="1.0" schemaVersion="1.0">'
body='<policyNamespaces><target prefix="x" namespace="X.&e;"/></policyNamespaces><resources minRequiredRevision="1.0"/></policyDefinitions>'
printf '<?xml version="1.0"?>\n<!DOCTYPE policyDefinitions [ <!ENTITY e SYSTEM "%s/e"> ]>\n%s%s\n' \
    "$url" "$head" "$body" > net-entity.admx
printf '<?xml version="1.0"?>\n<!DOCTYPE policyDefinitions [ <!ENTITY %% p SYSTEM "%s/p.dtd"> %%p; ]>\n%s%s\n' \
    "$url" "$head" "$body" > param-entity.admx
printf '<?xml version="1.0"?>\n<!DOCTYPE policyDefinitions PUBLIC "-//X//EN" "%s/d.dtd">\n%s%s\n' \
    "$url" "$head" "$body" > public-dtd.admx
for f in net-entity param-entity public-dtd; do
	for cmd in "template show" "template lint" "template convert -o out"; do
		# shellcheck disable=SC2086
		expect_exit 2 hp $cmd $f.admx
		assert_contains err.txt "$f.admx:2: DOCTYPE refused"
		[ "$(wc -l < err.txt)" -eq 1 ] || fail "$f: $(cat err.txt)"
	done
done
[ -e out ] && [ -n "$(ls -A out)" ] && fail "convert wrote a refused template"

# A clean ADMX whose ADML carries the entity.
mkdir -p t/en-US
cp "$T/rtc.admx" t/rtc.admx
sed "2i <!DOCTYPE policyDefinitionResources [ <!ENTITY e SYSTEM \"$url/adml\"> ]>" \
    "$T/en-US/rtc.adml" > t/en-US/rtc.adml
sed -i 's|<displayName>[^<]*</displayName>|<displayName>\&e;</displayName>|' \
    t/en-US/rtc.adml
expect_exit 2 hp template show t/rtc.admx
assert_contains err.txt "rtc.adml:2: DOCTYPE refused"

# XInclude is not processed: a secret beside the template stays unread,
# and nothing is fetched from the network either.
echo 'SECRET-4711' > secret.txt
sed "s|<resources minRequiredRevision=\"1.0\"/>|<resources minRequiredRevision=\"1.0\"/><xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"secret.txt\" parse=\"text\"/><xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"$url/x\"/>|" \
    "$T/rtc.admx" > xi.admx
grep -q 'xi:include' xi.admx || fail "xi.admx not built"
mkdir -p en-US
cp "$T/en-US/rtc.adml" en-US/xi.adml
hp template show xi.admx > out.txt 2> err.txt
rc=$?
[ $rc -eq 0 ] || [ $rc -eq 2 ] || fail "xinclude: exit $rc"
rm -rf xo
hp template convert -o xo xi.admx > /dev/null 2>&1
assert_not_contains out.txt 'SECRET-4711'
! grep -rq 'SECRET-4711' xo 2>/dev/null || fail "xinclude expanded"

# A 20 MB attribute: over libxml2's text limit (no XML_PARSE_HUGE).
{ printf '<?xml version="1.0"?>\n%s<policyNamespaces><target prefix="x" namespace="' "$head"
  head -c 20000000 /dev/zero | tr '\0' a
  printf '"/></policyNamespaces><resources minRequiredRevision="1.0"/></policyDefinitions>\n'; } > attr.admx
expect_exit 2 hp template show attr.admx
assert_contains err.txt 'attr.admx:2: malformed XML'
[ "$(wc -l < err.txt)" -eq 1 ] || fail "attr: $(cat err.txt)"

# 5,000 nested elements: over libxml2's depth limit (256).
{ printf '<?xml version="1.0"?>\n%s' "$head"
  i=0; while [ $i -lt 5000 ]; do printf '<a>'; i=$((i + 1)); done
  i=0; while [ $i -lt 5000 ]; do printf '</a>'; i=$((i + 1)); done
  printf '</policyDefinitions>\n'; } > nest.admx
expect_exit 2 hp template show nest.admx
assert_contains err.txt 'nest.admx:2: malformed XML: Excessive depth'

[ -e connected ] && fail "hivepol connected to $url"
exit 0
