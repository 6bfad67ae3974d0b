# An error is one line: a command whose usage has several lines
# (template) joins them with " | " instead of printing "?" where the line
# breaks were, and a control character in a message (here a file name
# with a line break) is shown as %XX like names everywhere.
. "$TESTLIB"
expect_exit 2 hp template
[ "$(wc -l < err.txt)" -eq 1 ] || fail "lines: $(cat err.txt)"
assert_contains err.txt 'hivepol: expected lint, show, convert or state; usage: hivepol template lint [--lang <lang>] <file>... | hivepol template show [--json] [--lang <lang>] <file> | hivepol template convert'
assert_not_contains err.txt '?'
expect_exit 2 hp template bogus
assert_contains err.txt 'unknown verb bogus'
assert_contains err.txt ' | hivepol template state '
# --help keeps the lines.
expect_exit 0 hp template --help
assert_contains out.txt '       hivepol template show'
expect_exit 2 hp ls "$(printf 'a\nb')"
assert_contains err.txt 'hivepol: a%0Ab: '
[ "$(wc -l < err.txt)" -eq 1 ] || fail "lines: $(cat err.txt)"
