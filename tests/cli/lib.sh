# Helpers for CLI tests; sourced by each tests/cli/*.t.sh (POSIX sh).
set -u
hp() { ${HIVEPOL_WRAP:-} "$HIVEPOL" "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "$*"; exit 77; }
# expect_exit CODE CMD...: runs CMD, fails unless it exits with CODE.
expect_exit() {
	want=$1; shift
	"$@" > out.txt 2> err.txt
	got=$?
	[ "$got" -eq "$want" ] || {
		cat out.txt err.txt >&2
		fail "expected exit $want, got $got: $*"
	}
}
# assert_contains FILE TEXT
assert_contains() { grep -qF -- "$2" "$1" || { cat "$1" >&2; fail "$1 lacks: $2"; }; }
assert_not_contains() { ! grep -qF -- "$2" "$1" || { cat "$1" >&2; fail "$1 has: $2"; }; }
need_shared() { [ -d "$SHARED/corpus" ] || skip "../shared/corpus is absent"; }
# Under ASan or valgrind every realloc copies, and libhivex grows a hive one
# page at a time, so filling a 15 MB hive costs minutes: such tests keep to
# small inputs there (SLOW_BUILD=1 from the Makefile).
slow_build() { [ "${SLOW_BUILD:-}" = 1 ]; }
need_cmd() { command -v "$1" >/dev/null 2>&1 || skip "$1 is not installed"; }
# Debian's own python3 (python3-hivex and python3-samba import only there).
debian_python() {
	for p in /usr/bin/python3; do
		[ -x "$p" ] && { echo "$p"; return 0; }
	done
	return 1
}
# chromium_dom URL OUT [PNG]: the page's DOM after its scripts ran, by
# headless Chromium (and a screenshot); skips the test without Chromium.
chromium_dom() {
	_c=$(command -v chromium || command -v chromium-browser) ||
	    skip "chromium absent: DOM not checked"
	_p=$(mktemp -d)
	set -- "$@" "" && _r=0
	timeout 60 "$_c" --headless --no-sandbox --disable-gpu \
	    --disable-background-networking --disable-component-update \
	    --disable-sync --no-first-run --user-data-dir="$_p" \
	    --dump-dom "$1" > "$2" 2> /dev/null || _r=1
	[ -z "$3" ] || timeout 60 "$_c" --headless --no-sandbox --disable-gpu \
	    --disable-background-networking --disable-component-update \
	    --disable-sync --no-first-run --user-data-dir="$_p" \
	    --window-size=1200,900 --screenshot="$3" "$1" > /dev/null 2>&1
	rm -rf "$_p"
	return $_r
}
