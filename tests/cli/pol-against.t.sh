# convert --against HIVE (issue 14): a Registry.pol's **delvals. and
# **soft., which .reg cannot express, expanded against a hive's content
# into explicit "name"=- lines and sets, with a header naming the hive.
# Real baseline files that use **delvals. (../shared/corpus: shb Chrome,
# Office 2013 and 2016 user, the t0x01 GPO), each checked two ways: lines
# worked out by hand from the file (offsets found with a hand parser) and
# the seeded hive, and the hive after importing the .pol equal to the hive
# after importing the expanded .reg.
. "$TESTLIB"
need_shared
C=$SHARED/corpus
chrome=$C/pol/shb/Chrome-403B3DA7-Machine.pol
o13=$C/pol/shb/Office-Office2013-20906CEB-User.pol
o16=$C/pol/shb/Office-Office2016-54F23253-User.pol
t0x01=$(echo "$C"/gpo/t0x01-gpo/*/DomainSysvol/GPO/Machine/registry.pol)
u8() { iconv -f UTF-16LE -t UTF-8 "$1" | tr -d '\r' | sed '1s/^\xef\xbb\xbf//'; }

# same POL HIVE REG: importing POL and REG into copies of HIVE gives
# hives with no difference.
same() {
	cp "$2" a.hive && cp "$2" b.hive || fail cp
	expect_exit 0 hp import a.hive "$1"
	expect_exit 0 hp import b.hive "$3"
	expect_exit 0 hp diff a.hive b.hive
	[ -s out.txt ] && fail "$1 and $3 differ on $2: $(head -n 5 out.txt)"
	return 0
}

# Chrome: seven **delvals. keys; two hold values in the hive.
B='HKLM\SOFTWARE\Policies\Google\Chrome'
expect_exit 0 hp new --mount 'HKLM\SOFTWARE' sw.hive
for v in "CookiesSessionOnlyForUrls old sz x" "CookiesSessionOnlyForUrls 1 sz y" \
    "CookiesSessionOnlyForUrls\\Sub keep sz z" "URLBlacklist 1 sz a" \
    "URLBlacklist 5 sz b"; do
	set -- $v
	expect_exit 0 hp set sw.hive "$B\\$1" "$2" "$3" "$4"
done
expect_exit 0 hp convert --against sw.hive "$chrome" -o chrome.reg
u8 chrome.reg > chrome.txt
[ "$(sed -n 2p chrome.txt)" = "; $chrome: **delvals. and **soft. expanded against the hive sw.hive (HKEY_LOCAL_MACHINE\\SOFTWARE)" ] ||
	fail "header: $(sed -n 2p chrome.txt)"
K='[HKEY_LOCAL_MACHINE\Software\Policies\Google\Chrome'
# shellcheck disable=SC1003
printf '%s\n' "$K\\CookiesSessionOnlyForUrls]" '"1"=-' '"old"=-' '' \
    "$K\\DisabledPlugins]" > want1.txt
printf '%s\n' "$K\\URLBlacklist]" '"1"=-' '"5"=-' '"1"="javascript://*"' > want2.txt
grep -A4 -F "$K\\CookiesSessionOnlyForUrls]" chrome.txt > got1.txt
grep -A3 -F "$K\\URLBlacklist]" chrome.txt > got2.txt
cmp -s want1.txt got1.txt || { diff want1.txt got1.txt >&2; fail "CookiesSessionOnlyForUrls"; }
cmp -s want2.txt got2.txt || { diff want2.txt got2.txt >&2; fail "URLBlacklist"; }
# Keys without values in the hive expand to nothing; subkeys stay.
assert_not_contains chrome.txt '"keep"'
same "$chrome" sw.hive chrome.reg
[ "$(hp get b.hive "$B\\URLBlacklist" 1)" = 'javascript://*' ] || fail "URLBlacklist 1"
expect_exit 1 hp get b.hive "$B\\URLBlacklist" 5
expect_exit 0 hp get b.hive "$B\\CookiesSessionOnlyForUrls\\Sub" keep

# The Office user baselines: trusted add-ins cleared.  Both files also
# **del. a value of a key no hive has; a .reg key line creates its key
# and **del. does not, so the key is there beforehand.
expect_exit 0 hp new --mount HKCU nt.hive
expect_exit 0 hp set nt.hive 'HKCU\keycupoliciesmsvbasecurity' loadcontrolsinforms dword 1
for ver in 15.0 16.0; do
	expect_exit 0 hp set nt.hive "HKCU\\Software\\Policies\\Microsoft\\Office\\$ver\\Outlook\\Security\\TrustedAddins" "evil$ver.dll" dword 1
done
for f in "$o13" "$o16"; do
	expect_exit 0 hp convert --against nt.hive "$f" -o office.reg
	u8 office.reg > office.txt
	assert_contains office.txt "expanded against the hive nt.hive (HKEY_CURRENT_USER)"
	case $f in *2013*) ver=15.0 ;; *) ver=16.0 ;; esac
	grep -A1 -F "[HKEY_CURRENT_USER\\software\\policies\\microsoft\\office\\$ver\\outlook\\security\\trustedaddins]" office.txt > got.txt
	printf '%s\n' "[HKEY_CURRENT_USER\\software\\policies\\microsoft\\office\\$ver\\outlook\\security\\trustedaddins]" "\"evil$ver.dll\"=-" > want.txt
	cmp -s want.txt got.txt || { diff want.txt got.txt >&2; fail "$f: trustedaddins"; }
	same "$f" nt.hive office.reg
done

# The t0x01 GPO: PowerShell module names replaced (class from its folder).
M='HKLM\SOFTWARE\Policies\Microsoft\Windows\PowerShell\ModuleLogging\ModuleNames'
expect_exit 0 hp set sw.hive "$M" Old.Module sz Old.Module
expect_exit 0 hp convert --against sw.hive "$t0x01" -o t0x01.reg
u8 t0x01.reg > t0x01.txt
grep -A2 -F 'ModuleLogging\ModuleNames]' t0x01.txt > got.txt
printf '%s\n' '[HKEY_LOCAL_MACHINE\Software\Policies\Microsoft\Windows\PowerShell\ModuleLogging\ModuleNames]' \
    '"Old.Module"=-' '"Microsoft.Powershell.*"="Microsoft.Powershell.*"' > want.txt
cmp -s want.txt got.txt || { diff want.txt got.txt >&2; fail "t0x01 ModuleNames"; }
same "$t0x01" sw.hive t0x01.reg

# Synthetic: values set before **delvals. go too; **soft. sets a value
# only where it is absent at that point (after **delvals. it always is).
# shellcheck disable=SC2016
python3 - <<'EOF' || fail "mkpol"
import struct
u = lambda s: (s + "\0").encode("utf-16-le")
def e(k, n, d):
    d = (d + "\0").encode("utf-16-le")
    return (u("[")[:2] + u(k) + u(";")[:2] + u(n) + u(";")[:2] +
            struct.pack("<I", 1) + u(";")[:2] + struct.pack("<I", len(d)) +
            u(";")[:2] + d + u("]")[:2])
with open("s.pol", "wb") as f:
    f.write(b"PReg\1\0\0\0")
    for n, d in (("A", "a"), ("**delvals.", " "), ("B", "b"),
                 ("**soft.C", "c"), ("**soft.D", "d")):
        f.write(e("Software\\T", n, d))
    for n, d in (("**soft.E", "e2"), ("**soft.F", "f")):
        f.write(e("Software\\T2", n, d))
EOF
expect_exit 0 hp new --mount 'HKLM\SOFTWARE' s.hive
expect_exit 0 hp set s.hive 'HKLM\SOFTWARE\T' X sz x
expect_exit 0 hp set s.hive 'HKLM\SOFTWARE\T' D sz d0
expect_exit 0 hp set s.hive 'HKLM\SOFTWARE\T2' E sz e
expect_exit 0 hp convert --class machine --against s.hive s.pol -o s.reg
u8 s.reg | sed 1,3d > got.txt
printf '%s\n' '[HKEY_LOCAL_MACHINE\Software\T]' '"A"="a"' '"D"=-' '"X"=-' \
    '"A"=-' '"B"="b"' '"C"="c"' '"D"="d"' '' '[HKEY_LOCAL_MACHINE\Software\T2]' \
    '"F"="f"' '' > want.txt
cmp -s want.txt got.txt || { diff want.txt got.txt >&2; fail "synthetic"; }
same s.pol s.hive s.reg

# Without --against the refusal says how to convert such a file.
expect_exit 2 hp convert --class machine "$chrome" -o x.reg
assert_contains err.txt "has no .reg form; use --against <hive> to expand it against that hive's values"

# What cannot be expanded is refused, naming the entry.
expect_exit 0 hp new --mount 'HKLM\SYSTEM' sys.hive
expect_exit 2 hp convert --class machine --against sys.hive "$chrome" -o x.reg
assert_contains err.txt "Chrome-403B3DA7-Machine.pol: offset 3762: delete-all-values on HKEY_LOCAL_MACHINE\\Software\\Policies\\Google\\Chrome\\CookiesSessionOnlyForUrls: the key lies outside sys.hive, so what it does there is unknown"
expect_exit 2 hp convert --against sw.hive "$chrome" -o x.pol
assert_contains err.txt "--against makes a .reg output"
expect_exit 2 hp convert --against chrome.reg "$chrome" -o x.reg
assert_contains err.txt "--against chrome.reg: not a hive"
[ -e x.reg ] || [ -e x.pol ] && fail "output written for a refused conversion"
exit 0
