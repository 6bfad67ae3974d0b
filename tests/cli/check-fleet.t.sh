# check --fleet: one policy on many machines, in parallel; summary table,
# JSON lines and a self-contained HTML report with the compliance matrix.
. "$TESTLIB"
pol=$TESTDATA/../../policies/lcs-client.conf
rtc='HKLM\SOFTWARE\Policies\Microsoft\Windows\RTC\PortRange'
mkimage() {	# mkimage DIR: a machine as a small Windows image
	mkdir -p "$1/Windows/System32/config" "$1/Users/Default"
	hp new --mount 'HKLM\SOFTWARE' "$1/Windows/System32/config/SOFTWARE" >/dev/null
	hp new --mount HKCU "$1/Users/Default/NTUSER.DAT" > /dev/null
}
mkimage fleet/good1
hp apply -p "$pol" --image fleet/good1 > /dev/null || fail "apply good1"
cp -r fleet/good1 fleet/good2
cp -r fleet/good1 fleet/drift
hp set fleet/drift/Windows/System32/config/SOFTWARE "$rtc" MinSipDynamicPort dword 6000 >/dev/null
mkdir fleet/empty			# nothing to check: an error, not a pass
# A machine may also be a folder of loose hives.
mkdir fleet/loose
cp fleet/good1/Windows/System32/config/SOFTWARE fleet/loose/SOFTWARE
cp fleet/good1/Users/Default/NTUSER.DAT fleet/loose/NTUSER.DAT

# Machines go to workers one at a time; any -j gives the same report
# (8 workers for 5 machines: only 5 start).
for j in 1 2 3 8; do
	expect_exit 1 hp check -p "$pol" --fleet fleet -j $j
	cp out.txt text$j.txt
	assert_contains out.txt 'fleet: 5 machines: 3 pass, 1 fail, 1 error'
	grep -q '^drift  *fail' out.txt || fail "drift not failing: $(cat out.txt)"
	grep -q '^good2  *pass' out.txt || fail "good2 not passing"
	grep -q '^empty  *error' out.txt || fail "empty not an error"
	# Per check, every machine counts once: the unreadable one as
	# not checked.
	grep -Eq '^rtc-sip-min +error +3 +1 +1$' out.txt ||
	    fail "rtc-sip-min row: $(grep rtc-sip-min out.txt)"
	grep -Eq '^rtc-sip-max +error +4 +0 +1$' out.txt ||
	    fail "rtc-sip-max row: $(grep rtc-sip-max out.txt)"
done
for j in 2 3 8; do
	cmp -s text1.txt text$j.txt || fail "-j1 and -j$j disagree"
done
# No progress bar when stderr is not a terminal; one on a terminal.
assert_not_contains err.txt 'machines'
if command -v script > /dev/null 2>&1; then
	script -qec "$HIVEPOL check -p '$pol' --fleet fleet -j 2 > /dev/null" \
	    /dev/null > tty.txt 2>&1
	assert_contains tty.txt 'check: [####################] 5/5 machines, '
fi

expect_exit 1 hp check -p "$pol" --fleet fleet --format jsonl -j 2
[ "$(wc -l < out.txt)" -eq 5 ] || fail "jsonl: $(wc -l < out.txt) lines"
py=$(debian_python) || skip "python3 absent"
$py - <<'PY' || fail "jsonl content"
import json
rows = [json.loads(l) for l in open("out.txt")]
by = {r["machine"]: r for r in rows}
assert by["good1"]["result"] == "pass" and by["drift"]["result"] == "fail"
bad = [f for f in by["drift"]["findings"] if f["status"] == "drift"]
assert bad and bad[0]["actual"] and "6000" in bad[0]["actual"], bad
assert by["empty"]["result"] == "error" and by["empty"]["error"]
PY

# A list file works like the folder.
printf '%s\n' "$PWD/fleet/good1" "# a comment" "$PWD/fleet/drift" > list
expect_exit 1 hp check -p "$pol" --fleet list
assert_contains out.txt 'fleet: 2 machines: 1 pass, 1 fail, 0 error'

# HTML: one self-contained file.
expect_exit 1 hp check -p "$pol" --fleet fleet --format html -o report.html
grep -qiE '(src|href)="(https?:|//)' report.html && fail "external asset"
grep -q '<script src\|<link ' report.html && fail "external asset"
assert_contains report.html 'id="matrix"'
chromium=$(command -v chromium || command -v chromium-browser) ||
    skip "chromium absent: DOM not checked"
prof=$(mktemp -d)
timeout 60 "$chromium" --headless --no-sandbox --disable-gpu \
    --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --user-data-dir="$prof" \
    --dump-dom "file://$PWD/report.html" > dom.html 2> /dev/null ||
    fail "chromium could not load the report"
timeout 60 "$chromium" --headless --no-sandbox --disable-gpu \
    --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --user-data-dir="$prof" \
    --window-size=1200,900 --screenshot="$PWD/report.png" \
    "file://$PWD/report.html" > /dev/null 2>&1
rm -rf "$prof"
$py - <<'PY' || fail "DOM counts"
import re
dom = open("dom.html").read()
assert re.search(r'id="machines">5<', dom)
assert re.search(r'id="pass">3<', dom) and re.search(r'id="fail">1<', dom)
# The MinSipDynamicPort check: 3 machines compliant, 1 not.
rows = re.findall(r'<tr data-check="([^"]*)">(.*?)</tr>', dom)
assert rows, "no matrix rows"
counts = {c: re.findall(r'<td class="n[^"]*">(\d+)</td>', r) for c, r in rows}
assert counts["rtc-sip-min"] == ["3", "1", "1"], counts
assert all(sum(map(int, v)) == 5 for v in counts.values()), counts
assert dom.count('class="machine"') == 5
# The drill-down: failing machines open, with expected and actual.
drift = re.search(r'<details class="machine" data-result="fail" open="?"?>'
    r'(.*?)</details>', dom, re.S)
assert drift and "drift" in drift.group(1), "drift machine not open"
row = re.search(r'<tr class="bad">(.*?)</tr>', drift.group(1), re.S)
assert row and "MinSipDynamicPort" in row.group(1), row
cells = re.findall(r'<td>(.*?)</td>', row.group(1))
assert "7100" in cells[4] and "6000" in cells[5], cells
assert not re.search(r'data-result="pass" open', dom)
PY
[ -s report.png ] || fail "no screenshot"
mkdir -p "${ARTIFACTS:-/tmp/hivepol-artifacts}" 2>/dev/null &&
    cp report.png report.html "${ARTIFACTS:-/tmp/hivepol-artifacts}/" 2>/dev/null
exit 0
