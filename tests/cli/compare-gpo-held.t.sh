# compare, show and diff of GPMC backups (Microsoft's Windows 10 2004
# baseline and DISA's STIG GPO) hold what the backups' security templates
# and audit policies hold, not their registry.pol files only: the
# templates' [Registry Values] as registry rows and their other entries
# and the audit.csv rows as named rows.  Expected rows are read from the
# files by hand (iconv, awk).
. "$TESTLIB"
need_shared
need_cmd jq
gpo=$SHARED/corpus/gpo
ms="$gpo/msft-sct-win10-2004/{D0BECB24-5EBF-40BE-820D-F572C81FF2DB}"
disa="$gpo/disa-stig-sos/{DCA57422-099D-4D9E-AC02-4913007A6302}"
pol=DomainSysvol/GPO/Machine/registry.pol
sec="DomainSysvol/GPO/Machine/microsoft/windows nt/SecEdit/GptTmpl.inf"
aud="DomainSysvol/GPO/Machine/microsoft/windows nt/Audit/audit.csv"
for f in "$ms/$pol" "$disa/$pol" "$ms/$sec" "$disa/$sec" "$ms/$aud" "$disa/$aud"; do
	[ -f "$f" ] || skip "not in the corpus: $f"
done
# A section of a template, as "key=value" lines, by hand.
utf8() { iconv -f UTF-16LE -t UTF-8 "$1" | tr -d '\r' | sed '1s/^\xef\xbb\xbf//'; }
section() { utf8 "$1" |
    awk -v s="[$2]" '/^\[/ { in_s = ($0 == s); next } in_s && NF' |
    sed 's/ *= */=/'; }
ROWS=$(dirname "$TESTLIB")/compare-rows.jq

# Registry rows: the registry.pol matrix plus one row per [Registry
# Values] entry of either template, and nothing else.
hp compare --class machine --format json "$ms/$pol" "$disa/$pol" |
    jq -r -f "$ROWS" | sort > pol.tsv
hp compare --format json "$ms" "$disa" > gpo.json
jq -r -f "$ROWS" gpo.json | sort > gpo.tsv
comm -23 pol.tsv gpo.tsv > lost.tsv
[ ! -s lost.tsv ] || fail "registry.pol rows lost: $(head -n 3 lost.tsv)"
comm -13 pol.tsv gpo.tsv | cut -f1,2 | sort -u > added.txt
{ section "$ms/$sec" "Registry Values"; section "$disa/$sec" "Registry Values"; } |
    sed 's/=.*//; s/^MACHINE\\//' | tr 'A-Z' 'a-z' |
    sed 's/\\\([^\\]*\)$/	\1/' | sort -u > want.txt
[ -s want.txt ] || fail "no [Registry Values] read by hand"
cmp -s want.txt added.txt || { diff want.txt added.txt | head; fail "template rows"; }
# ScRemoveOption=1,"1" (REG_SZ "1") in both: a repeat of UTF-16 "1".
section "$ms/$sec" "Registry Values" | grep -qx 'MACHINE\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon\\ScRemoveOption=1,"1"' ||
    fail "MS template: ScRemoveOption"
grep -qx 'software\\microsoft\\windows nt\\currentversion\\winlogon	scremoveoption	repeat	1:31000000 1:31000000' gpo.tsv ||
    fail "ScRemoveOption row: $(grep -i scremoveoption gpo.tsv)"

# Named rows: [System Access] of both templates.
jq -r '.settings[] | select(.what == "named" and .section == "System Access") |
    [.name, (.cells | map(.setting.value // "-") | join(" "))] | join("=")' \
    gpo.json | sort > got.txt
section "$ms/$sec" "System Access" | sort > ms.txt
section "$disa/$sec" "System Access" | sort > disa.txt
[ "$(wc -l < disa.txt)" -gt 10 ] || fail "DISA's [System Access] by hand"
join -t= -a1 -a2 -e- -o 0,1.2,2.2 ms.txt disa.txt | sed 's/=\([^=]*\)=/=\1 /' |
    sort > want.txt
cmp -s want.txt got.txt || { diff want.txt got.txt | head; fail "System Access rows"; }
# LSAAnonymousNameLookup = 0 in both: a repeat; DISA's alone: single.
jq -e '.settings[] | select(.name == "LSAAnonymousNameLookup") |
    .state == "repeat"' gpo.json > /dev/null || fail "repeat"
jq -e '.settings[] | select(.name == "MinimumPasswordLength") |
    .state == "single" and .cells[1].setting.value == "14"' gpo.json \
    > /dev/null || fail "MinimumPasswordLength"
# Audit rows: one per subcategory GUID of either audit.csv.
tr -d '\r' < "$ms/$aud" | awk -F, 'NR > 1 && $4 != "" { print tolower($4) }' > a.txt
tr -d '\r' < "$disa/$aud" | awk -F, 'NR > 1 && $4 != "" { print tolower($4) }' >> a.txt
sort -u a.txt > want.txt
jq -r '.settings[] | select(.section == "Audit Policy") | .name | ascii_downcase' \
    gpo.json | sort > got.txt
cmp -s want.txt got.txt || { diff want.txt got.txt | head; fail "audit rows"; }
expect_exit 1 hp compare "$ms" "$disa"
grep -q '^System Access$' out.txt || fail "text: no System Access section"
grep -q '^  MinimumPasswordLength  *\[1\] -  *\[2\] 14$' out.txt ||
    fail "text: $(grep MinimumPasswordLength out.txt)"

# show: the registry.pol lines, then the template's and the audit policy's.
hp show "$ms/$pol" > pol.txt || fail "show pol"
expect_exit 0 hp show "$ms"
head -n "$(wc -l < pol.txt)" out.txt | cmp -s - pol.txt || fail "show: the .pol lines first"
assert_contains out.txt "System Access/LSAAnonymousNameLookup = 0"
n=$(section "$ms/$sec" "Registry Values" | wc -l)
a=$(tr -d '\r' < "$ms/$aud" | awk 'NR > 1 && NF' | wc -l)
s=$(utf8 "$ms/$sec" | awk '
    /^\[/ { s = $0; next } NF && s != "[Unicode]" && s != "[Version]" &&
    s != "[Registry Values]"' | wc -l)
[ "$(wc -l < out.txt)" -eq $(( $(wc -l < pol.txt) + n + s + a )) ] ||
    fail "show: $(wc -l < out.txt) lines, want $(wc -l < pol.txt) + $n + $s + $a"
expect_exit 0 hp show --json "$ms"
[ "$(jq '.entries | length' out.txt)" -eq $(( $(wc -l < pol.txt) + n + s + a )) ] ||
    fail "show --json: $(jq '.entries | length' out.txt) entries"
jq -e 'any(.entries[]; .section == "System Access" and
    .name == "LSAAnonymousNameLookup" and .value == "0")' out.txt \
    > /dev/null || fail "show --json: System Access"

# --templates names the registry.pol's settings; the template's and
# audit policy's follow, as without it (JSON: the "settings" array).
T=$SHARED/corpus/admx/shb
expect_exit 0 hp show --templates "$T" "$ms"
tail -n $((n + s + a)) out.txt > held.txt
hp show "$ms" | tail -n $((n + s + a)) | cmp -s - held.txt ||
    fail "show --templates: the held settings differ"
expect_exit 0 hp show --json --templates "$T" "$ms"
jq -e --argjson n $((n + s + a)) '(.settings | length) == $n and
    (.policies | length) > 0' out.txt > /dev/null ||
    fail "show --json --templates: settings"

# check --baseline of a backup against itself: each named setting is
# checked once, in the backup (which holds its template and audit
# policy), and holds.
expect_exit 0 hp check --format json --baseline "$ms" "$ms"
jq -e --argjson n $((s + a)) '[.findings[] | select(.path |
    test("^(System Access|Privilege Rights|Service General Setting|Audit Policy)/"))] |
    length == $n and all(.status == "compliant")' out.txt > /dev/null ||
    fail "check --baseline: named findings, want $s + $a"
jq -e '[.findings[] | select(.path == "System Access/LSAAnonymousNameLookup")] |
    length == 1 and (.[0].target | endswith("2DB}"))' out.txt > /dev/null ||
    fail "check --baseline: LSAAnonymousNameLookup"

# diff: the two backups' named settings differ too.
expect_exit 1 hp diff --format json "$ms" "$disa"
jq -e '.summary.settings_differing > 0' out.txt > /dev/null ||
    fail "diff: no named settings"
expect_exit 1 hp diff "$ms" "$disa"
assert_contains out.txt "System Access/MinimumPasswordLength"
exit 0
