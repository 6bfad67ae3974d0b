# The fleet HTML report's machines x checks matrix comes from the renderer
# compare's page uses (html_matrix.c): one colour per state, sortable,
# filterable, "problems only".  Each machine is made to differ from the
# policy in one known way, so every cell is known in advance.
. "$TESTLIB"
py=$(debian_python) || skip "no /usr/bin/python3"
pol=$TESTDATA/../../policies/lcs-client.conf
rtc='HKLM\SOFTWARE\Policies\Microsoft\Windows\RTC\PortRange'
mkmachine() {	# mkmachine DIR: SOFTWARE and NTUSER.DAT, compliant
	mkdir -p "$1"
	hp new --mount 'HKLM\SOFTWARE' "$1/SOFTWARE" > /dev/null
	hp new --mount HKCU "$1/NTUSER.DAT" > /dev/null
	hp apply -p "$pol" "$1/SOFTWARE" "$1/NTUSER.DAT" > /dev/null ||
	    fail "apply $1"
}
mkmachine fleet/good
mkmachine fleet/drift
hp set fleet/drift/SOFTWARE "$rtc" MinSipDynamicPort dword 6000 > /dev/null
mkmachine fleet/wrongtype
hp set fleet/wrongtype/NTUSER.DAT 'HKCU\Software\Microsoft\Tracing\RTCDLL' \
    EnableFileTracing sz 0 > /dev/null
mkmachine fleet/nouser		# the HKCU checks: not covered
rm fleet/nouser/NTUSER.DAT
mkdir fleet/empty		# unreadable: every check an error

expect_exit 1 hp check -p "$pol" --fleet fleet --format html -o report.html
assert_contains report.html 'id="machines-matrix"'
chromium_dom "file://$PWD/report.html" dom.html "$PWD/fleet.png" ||
    fail "chromium could not load the report"
matrix() { "$py" "$(dirname "$TESTLIB")/html-matrix.py" dom.html machines-matrix; }
matrix > rows.txt
# machine, result, problems, then the policy's 15 checks in its order.
head -n 1 rows.txt | cut -f 2-6 | grep -qx 'none:machine	none:result	none:problems	none:rtc-portrange-enabled	none:rtc-sip-min' ||
    fail "head: $(head -n 1 rows.txt)"
[ "$(head -n 1 rows.txt | tr '\t' '\n' | grep -c '^none:')" -eq 18 ] || fail "columns"
row() { grep "^shown	:$1	" rows.txt || fail "no row for $1"; }
cells() {	# cells MACHINE: "STATE xN" per distinct check state
	row "$1" | cut -f 5- | tr '\t' '\n' | sed 's/:.*//' | sort | uniq -c |
	    awk '{ printf "%s%s x%s", (NR > 1 ? ", " : ""), $2, $1 }'
}
[ "$(cells good)" = "compliant x15" ] || fail "good: $(cells good)"
[ "$(cells drift)" = "compliant x14, drift x1" ] || fail "drift: $(cells drift)"
row drift | cut -f 2-4 | grep -qx ':drift	:fail	:1' ||
    fail "drift row: $(row drift)"
[ "$(cells wrongtype)" = "compliant x14, wrong-type x1" ] ||
    fail "wrongtype: $(cells wrongtype)"
cell() {	# cell MACHINE CHECK: the cell's STATE:TEXT
	col=$(head -n 1 rows.txt | tr '\t' '\n' | grep -nx "none:$2" | cut -d: -f1)
	[ -n "$col" ] || fail "no column $2"
	row "$1" | cut -f "$col"
}
[ "$(cell wrongtype rtc-tracing-off)" = wrong-type:wrong-type ] ||
    fail "wrongtype: rtc-tracing-off is $(cell wrongtype rtc-tracing-off)"
[ "$(cell drift rtc-sip-min)" = drift:drift ] || fail "drift: rtc-sip-min"
# office-presence-query, office-dynamic-presence, rtc-tracing-off and the
# office-presence-pair rule read HKCU.
[ "$(cells nouser)" = "compliant x11, not-covered x4" ] || fail "nouser: $(cells nouser)"
for c in office-presence-query office-dynamic-presence rtc-tracing-off office-presence-pair; do
	[ "$(cell nouser $c)" = not-covered:not-covered ] || fail "nouser: $c"
done
row nouser | cut -f 3 | grep -qx ':not-covered' || fail "nouser result"
[ "$(cells empty)" = "error x15" ] || fail "empty: $(cells empty)"
# The colours: one per state, the same in the legend and the cells.
grep -q '\.hpm \.st-drift,\.hpm-legend \.st-drift{background:#ffcdd2}' report.html ||
    fail "drift colour"

# Problems only: every machine but the one that passes.
chromium_dom "file://$PWD/report.html#differences=1" dom.html ||
    fail "chromium: #differences"
matrix | grep '^shown' | cut -f 2 | sort | tr '\n' ' ' > shown.txt
[ "$(cat shown.txt)" = ":drift :empty :nouser :wrongtype " ] ||
    fail "problems only: $(cat shown.txt)"
# Sorted by problems (a number), most first, then by machine.
chromium_dom "file://$PWD/report.html#sort=2&desc=1" dom.html ||
    fail "chromium: #sort"
matrix | grep -v '^head' | cut -f 4 | tr '\n' ' ' > problems.txt
[ "$(cat problems.txt)" = ":1 :1 :0 :0 :0 " ] || fail "sort: $(cat problems.txt)"
# The filter finds a state word in any cell.
chromium_dom "file://$PWD/report.html#filter=WRONG-type" dom.html ||
    fail "chromium: #filter"
[ "$(matrix | grep -c '^shown')" -eq 1 ] && matrix | grep -q '^shown	:wrongtype' ||
    fail "filter"
[ -s fleet.png ] || fail "no screenshot"
mkdir -p "${ARTIFACTS:-/tmp/hivepol-artifacts}" 2>/dev/null &&
    cp fleet.png "${ARTIFACTS:-/tmp/hivepol-artifacts}/" 2>/dev/null
exit 0
