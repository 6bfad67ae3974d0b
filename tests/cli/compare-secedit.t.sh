# compare: security templates (GptTmpl.inf) and advanced audit policies
# (audit.csv) as sources, with the registry part of a template in the same
# matrix.  Microsoft's Windows 10 2004 baseline against DISA's STIG GPO:
# the expected rows come from the files, read here with iconv, awk and
# grep.
. "$TESTLIB"
need_shared
need_cmd jq
need_cmd iconv
gpo=$SHARED/corpus/gpo
ms="$gpo/msft-sct-win10-2004/{D0BECB24-5EBF-40BE-820D-F572C81FF2DB}/DomainSysvol/GPO/Machine/microsoft/windows nt"
disa="$gpo/disa-stig-sos/{DCA57422-099D-4D9E-AC02-4913007A6302}/DomainSysvol/GPO/Machine/microsoft/windows nt"
[ -f "$ms/Audit/audit.csv" ] && [ -f "$disa/SecEdit/GptTmpl.inf" ] ||
    skip "the baselines are not in the corpus"

# Audit policies: rows by subcategory GUID, conflicts where the setting
# values differ.
tr -d '\r' < "$ms/Audit/audit.csv" | awk -F, 'NR > 1 { print $4, $7 }' | sort > ms.audit
tr -d '\r' < "$disa/Audit/audit.csv" | awk -F, 'NR > 1 { print $4, $7 }' | sort > disa.audit
join ms.audit disa.audit | awk '$2 == $3' | wc -l > want.repeat
join ms.audit disa.audit | awk '$2 != $3' | wc -l > want.conflict
join -v1 -v2 ms.audit disa.audit | wc -l > want.single
[ "$(cat want.conflict)" -ge 1 ] || fail "no conflict between the baselines"
expect_exit 1 hp compare --format json "$ms/Audit/audit.csv" "$disa/Audit/audit.csv"
cp out.txt audit.json
[ "$(jq -c '[.summary.repeat, .summary.conflict, .summary.single]' audit.json)" = \
    "[$(cat want.repeat),$(cat want.conflict),$(cat want.single)]" ] ||
    fail "audit summary: $(jq -c .summary audit.json)"
jq -r '.sources[].format' audit.json | sort -u | grep -qx audit || fail "format name"
# The conflicting subcategory: its GUID, label and both values.
join ms.audit disa.audit | awk '$2 != $3 { print $1, $2, $3; exit }' > conflict.txt
read -r guid a b < conflict.txt
jq -e --arg g "$guid" --arg a "$a" --arg b "$b" '.settings[] | select(.name == $g) |
    .what == "named" and .section == "Audit Policy" and .key == null and .state == "conflict" and
    .cells[0].setting.value == $a and .cells[1].setting.value == $b and .cells[1].state == "conflict"' \
    audit.json > /dev/null || fail "conflict row $guid"
label=$(grep -i "$guid" "$ms/Audit/audit.csv" | cut -d, -f3)
expect_exit 1 hp compare "$ms/Audit/audit.csv" "$disa/Audit/audit.csv"
grep -q "^  $label  *\[1\] $a ([a-z ]*) conflict  *\[2\] $b ([a-z ]*) conflict$" out.txt ||
    fail "text conflict row: $(grep -F "$label" out.txt)"
assert_contains out.txt 'Audit Policy'

# Templates: [System Access] numbers, [Privilege Rights] as sets of
# accounts (the same SIDs in another order are a repeat), and [Registry
# Values] as registry rows.
iconv -f UTF-16 -t UTF-8 "$ms/SecEdit/GptTmpl.inf" | tr -d '\r' > ms.inf
iconv -f UTF-16 -t UTF-8 "$disa/SecEdit/GptTmpl.inf" | tr -d '\r' > disa.inf
priv() { grep "^$1 = " "$2" | sed 's/^[^=]*= //'; }
[ "$(priv SeCreateGlobalPrivilege ms.inf)" != "$(priv SeCreateGlobalPrivilege disa.inf)" ] ||
    fail "SeCreateGlobalPrivilege: the same text in both"
[ "$(priv SeCreateGlobalPrivilege ms.inf | tr , '\n' | sort)" = \
  "$(priv SeCreateGlobalPrivilege disa.inf | tr , '\n' | sort)" ] ||
    fail "SeCreateGlobalPrivilege: not the same accounts"
expect_exit 1 hp compare --format json "$ms/SecEdit/GptTmpl.inf" "$disa/SecEdit/GptTmpl.inf"
cp out.txt inf.json
jq -e '.settings[] | select(.name == "SeCreateGlobalPrivilege") | .state == "repeat"' inf.json > /dev/null ||
    fail "accounts in another order are not a repeat"
jq -e --arg a "$(priv SeDenyNetworkLogonRight ms.inf)" --arg b "$(priv SeDenyNetworkLogonRight disa.inf)" \
    '.settings[] | select(.name == "SeDenyNetworkLogonRight") | .state == "conflict" and
    .cells[0].setting.value == $a and .cells[1].setting.value == $b' inf.json > /dev/null ||
    fail "SeDenyNetworkLogonRight"
# [System Access]: the entries of each file, one row per name.
sa() { sed -n '/^\[System Access\]/,/^\[/p' "$1" | grep ' = ' | cut -d' ' -f1 | sort; }
sa ms.inf > ms.sa
sa disa.inf > disa.sa
[ "$(jq '[.settings[] | select(.section == "System Access")] | length' inf.json)" -eq \
    "$(sort -u ms.sa disa.sa | wc -l)" ] || fail "System Access rows"
[ "$(jq '[.settings[] | select(.section == "System Access" and .state == "single")] | length' inf.json)" -eq \
    "$(comm -3 ms.sa disa.sa | wc -l)" ] || fail "System Access singles"
min=$(grep '^MinimumPasswordLength = ' disa.inf | sed 's/.*= //')
jq -e --arg v "$min" '.settings[] | select(.name == "MinimumPasswordLength") |
    .cells[1].setting.value == $v and .cells[1].setting.kind == "number" and .cells[0].state == "absent"' inf.json > /dev/null ||
    fail "MinimumPasswordLength"
# [Registry Values]: NoLMHash=4,1 in both, MACHINE\ as HKLM.
grep -q '^MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\NoLMHash=4,1$' ms.inf || fail "ms NoLMHash"
grep -q '^MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\NoLMHash=4,1$' disa.inf || fail "disa NoLMHash"
jq -e '.settings[] | select(.value == "NoLMHash") | .what == "value" and
    .key == "HKEY_LOCAL_MACHINE\\System\\CurrentControlSet\\Control\\Lsa" and .state == "repeat" and
    .cells[0].type == "REG_DWORD" and .cells[0].data == 1 and .cells[0].setting == null' inf.json > /dev/null ||
    fail "NoLMHash row"
[ "$(jq '[.settings[] | select(.what == "value")] | length' inf.json)" -eq \
    "$(cat ms.inf disa.inf | sed -n 's/^MACHINE\\\(.*\)=[0-9]*,.*/\1/p' | tr 'A-Z' 'a-z' | sort -u | wc -l)" ] ||
    fail "registry rows"
# --key keeps to the registry: the named settings are left out.
expect_exit 0 hp compare --format json --key 'HKLM\System\CurrentControlSet\Control\Lsa' \
    "$ms/SecEdit/GptTmpl.inf" "$disa/SecEdit/GptTmpl.inf"
jq -e 'all(.settings[]; .what == "value")' out.txt > /dev/null || fail "--key kept named settings"

# The HTML page: sections as the group column; no setting in common, no
# conflict.
expect_exit 0 hp compare --format html -o c.html "$ms/SecEdit/GptTmpl.inf" "$disa/Audit/audit.csv"
assert_contains c.html '<td>Privilege Rights</td><td>SeDebugPrivilege</td>'
exit 0
