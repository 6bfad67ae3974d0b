# diff lists a removed subtree key by key and value by value, as it lists
# an added one; the .reg patch still removes it with one [-KEY], and
# importing that patch turns A into B.
. "$TESTLIB"
expect_exit 0 hp new --mount 'HKLM\SOFTWARE' a
expect_exit 0 hp set a 'T\Gone\Deep' v dword 1
expect_exit 0 hp set a 'T\Gone' @ sz top
expect_exit 0 hp new --mount 'HKLM\SOFTWARE' b
expect_exit 0 hp set b 'T\Came\Deep' v dword 1
expect_exit 0 hp set b 'T\Came' @ sz top
expect_exit 1 hp diff a b
cat > want.txt <<'EOT'
added    key   HKLM\SOFTWARE\T\Came
added    value HKLM\SOFTWARE\T\Came  @  REG_SZ top
added    key   HKLM\SOFTWARE\T\Came\Deep
added    value HKLM\SOFTWARE\T\Came\Deep  "v"  REG_DWORD 0x00000001 (1)
removed  key   HKLM\SOFTWARE\T\Gone
removed  value HKLM\SOFTWARE\T\Gone  @  REG_SZ top
removed  key   HKLM\SOFTWARE\T\Gone\Deep
removed  value HKLM\SOFTWARE\T\Gone\Deep  "v"  REG_DWORD 0x00000001 (1)
EOT
diff -u want.txt out.txt || fail "diff text"
expect_exit 1 hp diff --format reg -o ab.reg a b
iconv -f UTF-16 -t UTF-8 ab.reg | tr -d '\r' > ab.txt
[ "$(grep -c 'Gone' ab.txt)" -eq 1 ] || fail "reg: $(cat ab.txt)"
assert_contains ab.txt '[-HKEY_LOCAL_MACHINE\SOFTWARE\T\Gone]'
expect_exit 0 hp import a ab.reg
expect_exit 0 hp diff a b
