# Issue 14, "Templates as Windows accepts them": every ADMX, ADML and ADM
# of the corpus loads and lints without errors (the Group Policy editor
# loads them all), settings are key and value together, state does not
# invent Disabled, and an ADML lints on its own.
. "$TESTLIB"
need_shared
C=$SHARED/corpus
n=0
for f in $(find "$C/adm" "$C/admx" -iname '*.adm' -o -iname '*.admx' \
    -o -iname '*.adml'); do
	case "$f" in
	*.adml|*.ADML) ;;
	*) hp template show "$f" > /dev/null 2> err.txt ||
	    { cat err.txt; fail "cannot load $f"; } ;;
	esac
	hp template lint "$f" > lint.txt 2> err.txt ||
	    { cat lint.txt err.txt; fail "lint finds errors in $f"; }
	n=$((n + 1))
done
[ "$n" -ge 70 ] || fail "only $n templates found"
# An ADML on its own: structure and tables, not "not an ADMX file".
expect_exit 0 hp template lint "$C/admx/samba/en-US/samba.adml"
assert_contains out.txt "samba.adml:2: warning: root element policyDefinitionResources is in no namespace"
assert_contains out.txt "samba.adml: 0 errors, 1 warning"
# ... and against its ADMX when both are given (one report, the ADMX's).
expect_exit 0 hp template lint "$C/admx/shb/SecGuide.admx" "$C/admx/shb/en-US/SecGuide.adml"
assert_contains out.txt "SecGuide.admx: 0 errors, 1 warning"
assert_not_contains out.txt "SecGuide.adml: 0 errors"
# A faithful broken ADML: a string defined twice is an error.
sed 's|</stringTable>|<string id="Cat_SecGuide">again</string></stringTable>|' \
    "$C/admx/shb/en-US/SecGuide.adml" > SecGuide.adml
expect_exit 1 hp template lint SecGuide.adml
assert_contains out.txt "error: string Cat_SecGuide is defined twice"
# SecGuide: SuppressionPolicy under four keys is four settings.
cat > s.conf <<X
setting "runas" {
	template = "$C/admx/shb/SecGuide.admx"
	policy = "Pol_SecGuide_RemoveRunasdifferentuser"
	state = "enabled"
}
X
expect_exit 0 hp policy lint s.conf
assert_contains out.txt "5 settings"
hp new --mount 'HKLM\SOFTWARE' SOFTWARE > /dev/null || fail new
hp check -p s.conf SOFTWARE > out.txt
assert_contains out.txt 'runas/HKLM\SOFTWARE\Classes\batfile\shell\runasuser\SuppressionPolicy'
assert_contains out.txt 'runas/NoStartBanner'
# Never set: Not configured, and Disabled (which only deletes) is no trace.
expect_exit 0 hp template state -t "$C/admx/shb/SecGuide.admx" SOFTWARE
assert_contains out.txt "Pol_SecGuide_RemoveRunasdifferentuser [HKLM]: Not configured"
assert_contains out.txt "Disabled and Not configured cannot be told apart offline"
assert_not_contains out.txt "[HKLM]: Disabled"
K='HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\Explorer'
hp set SOFTWARE "$K" NoStartBanner dword 1 > /dev/null || fail set
for k in batfile cmdfile exefile mscfile; do
	hp set SOFTWARE "HKLM\\SOFTWARE\\Classes\\$k\\shell\\runasuser" \
	    SuppressionPolicy dword 4096 > /dev/null || fail set
done
expect_exit 0 hp template state -t "$C/admx/shb/SecGuide.admx" SOFTWARE
assert_contains out.txt "Pol_SecGuide_RemoveRunasdifferentuser [HKLM]: Enabled"
# ADM forms of vendors' generators: DEFAULT after an ITEMLIST entry, a
# [strings] text continued by a trailing backslash, comments at line ends,
# #if version, an unquoted KEYNAME and a string defined twice.
cat > v.adm <<'X'
CLASS MACHINE ; a comment at the line's end
CATEGORY !!cat
  KEYNAME Software\Policies\Vendor
  POLICY !!pol
    #if version >= 4
    EXPLAIN !!pol_help
    #endif
    PART !!part DROPDOWNLIST REQUIRED
      VALUENAME Mode
      ITEMLIST
        NAME !!on VALUE NUMERIC 1
        NAME "Off" VALUE NUMERIC 0 DEFAULT
      END ITEMLIST
    END PART
  END POLICY
END CATEGORY

[strings]
cat="Vendor"
pol="A policy"
pol_help="First line \
second line"
part="Mode"
on="On"
on="On again"
X
expect_exit 0 hp template lint v.adm
assert_contains out.txt "v.adm:25: warning: string on defined again; the last definition wins"
assert_contains out.txt "v.adm: 0 errors, 1 warning"
expect_exit 0 hp template show v.adm
assert_contains out.txt 'items "On again"=REG_DWORD 1, "Off"=REG_DWORD 0 required'
hp template convert v.adm -o o > /dev/null 2>&1 || fail convert
assert_contains o/en-US/v.adml '<string id="pol_help">First line second line</string>'
assert_contains o/en-US/v.adml 'defaultItem="1"'
# Unknown and misspelt attributes, attributes the XSD does not allow on an
# element, character content in stringTable: warnings, and the file loads.
mkdir -p x/en-US
sed 's|<policy |<policy defaultValue="1" misspeltAtribute="x" |' \
    "$C/admx/shb/WindowsMessenger.admx" > x/WindowsMessenger.admx
sed 's|<stringTable>|<stringTable>stray text|; s|<policyDefinitionResources |<policyDefinitionResources bogusAttr="1" |' \
    "$C/admx/shb/en-US/WindowsMessenger.adml" > x/en-US/WindowsMessenger.adml
expect_exit 0 hp template show x/WindowsMessenger.admx
expect_exit 0 hp template lint x/WindowsMessenger.admx
assert_contains out.txt "warning: XSD (tolerated by Windows): Element 'policy', attribute 'misspeltAtribute': The attribute 'misspeltAtribute' is not allowed."
assert_contains out.txt "warning: XSD (tolerated by Windows): Element 'policy', attribute 'defaultValue'"
assert_contains out.txt "WindowsMessenger.adml:7: warning: XSD (tolerated by Windows): Element 'stringTable': Character content other than whitespace"
assert_contains out.txt "attribute 'bogusAttr'"
