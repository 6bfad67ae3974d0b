# Every ADM and ADMX/ADML of the corpus loads; lint finds the problems the
# real files really have (each checked by reading the file).
. "$TESTLIB"
need_shared
C=$SHARED/corpus
n=0
for f in $(find "$C/adm" "$C/admx" -iname '*.adm' -o -iname '*.admx'); do
	hp template show "$f" > /dev/null 2> err.txt ||
	    { cat err.txt; fail "cannot load $f"; }
	hp template lint "$f" > lint.txt 2> err.txt
	[ $? -le 1 ] || { cat err.txt; fail "lint failed on $f"; }
	n=$((n + 1))
done
[ "$n" -ge 35 ] || fail "only $n templates found"
# Every ADML loads on its own language too.
expect_exit 0 hp template show --lang de-DE "$C/admx/mozilla/firefox.admx"
assert_contains out.txt "Firefox"
# Issue 14: the Group Policy editor loads every one of these, so what
# they break is a warning (docs/templates.md, "lint: errors and warnings").
# inetres.admx (shipped with Windows): three categories name a parent that
# is never defined.
expect_exit 0 hp template lint "$C/admx/shb/inetres.admx"
assert_contains out.txt "inetres.admx:300: warning: category InternetCPL_General_Appearance: category InternetCPL_General is not defined"
# SecGuide.admx line 81 has a stray ">" inside <policy>.
expect_exit 0 hp template lint "$C/admx/shb/SecGuide.admx"
assert_contains out.txt "SecGuide.admx:81: warning: XSD (tolerated by Windows): Element 'policy': Character content other than whitespace"
# adsys golden: supportedOn ref="Ubuntu" lacks the "ubuntu:" prefix.
expect_exit 0 hp template lint "$C/admx/adsys/golden/long_decimal.admx"
assert_contains out.txt "warning: policy UbuntuMachineDconfOrgGnomeDesktopPolicyLongDecimal: supportedOn definition Ubuntu is not defined"
assert_contains out.txt "long_decimal.adml:23: warning: XSD (tolerated by Windows): Element 'longDecimalTextBox', attribute 'defaultValue': '' is not a valid value"
# samba.admx: list elements carry a valueName the schema forbids.
expect_exit 0 hp template lint "$C/admx/samba/samba.admx"
assert_contains out.txt "samba.admx:32: warning: XSD (tolerated by Windows): Element 'list', attribute 'valueName': The attribute 'valueName' is not allowed."
assert_contains out.txt "samba.admx:2: warning: root element policyDefinitions is in no namespace"
# Mozilla: names with '-' break the XSD pattern; Windows loads them: warnings.
hp template lint "$C/admx/mozilla/firefox.admx" > out.txt
assert_contains out.txt "firefox.admx:3425: warning: XSD (tolerated by Windows): Element 'policy', attribute 'name': [facet 'pattern'] The value 'media_gmp-gmpopenh264_enabled'"
# Clean files stay clean; HID's older namespace URI is only a warning.
expect_exit 0 hp template lint "$C/admx/shb/WindowsMessenger.admx"
assert_contains out.txt "WindowsMessenger.admx: 0 errors, 0 warnings"
expect_exit 0 hp template lint "$C/admx/shb/HIDGlobal.ActivClient.admx"
assert_contains out.txt "namespace http://www.microsoft.com/GroupPolicy/PolicyDefinitions"
# ADMs: identical USER and MACHINE policies merge into one Both policy.
expect_exit 0 hp template show "$C/adm/sec505/REG_DWORD.ADM"
assert_contains out.txt "NameOfPolicyIconOnRightSide3 [Both]"
# Chrome's UTF-16LE ADM, with #if version and nested categories.
expect_exit 0 hp template show "$C/adm/sec505/Google-Chrome.adm"
assert_contains out.txt 'ExtensionInstallBlacklist_Policy [Machine] "Configure extension installation blacklist"'
assert_contains out.txt '  category: Extensions_Category "Allowed extensions"'
assert_contains out.txt 'key Software\Policies\Google\Chrome\ExtensionInstallBlacklist prefix ""'
