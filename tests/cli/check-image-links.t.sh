# --image roots are jails: a link in the image resolves inside the image,
# as if its root were "/".  A link to a host file must neither be read
# (check) nor followed by a write (apply); links inside the image work.
. "$TESTLIB"
pol="$TESTDATA/../../policies/lcs-client.conf"
cfg=img/Windows/System32/config
mkdir -p host $cfg img/Users/Default
# A hive on the host that already complies: reading it would hide findings.
hp new --mount 'HKLM\SOFTWARE' host/SOFTWARE >/dev/null
hp apply --allow-uncovered -p "$pol" host/SOFTWARE >/dev/null || fail "apply to host hive"
cp host/SOFTWARE host.orig
hp new --mount HKCU img/Users/Default/NTUSER.DAT >/dev/null
hp new --mount 'HKLM\SYSTEM' $cfg/SYSTEM >/dev/null
# untouched HOST: the host hive is as it was and the link still a link.
untouched() {
	cmp -s host/SOFTWARE host.orig || fail "$1: the host hive was written"
	[ -L $cfg/SOFTWARE ] || fail "$1: the link was replaced"
}
# no_software: the check judged no SOFTWARE hive, and said why.
no_software() {
	assert_contains err.txt "$cfg/SOFTWARE: skipped"
	assert_not_contains out.txt "config/SOFTWARE"
	assert_contains out.txt "(11 not covered by any target)"
	assert_contains out.txt "it needs a SOFTWARE hive (HKLM\\SOFTWARE)"
}

# An absolute link to the host hive means /that/path inside the image.
ln -s "$PWD/host/SOFTWARE" $cfg/SOFTWARE
expect_exit 1 hp check -p "$pol" --image img
no_software
expect_exit 4 hp apply -p "$pol" --image img
assert_contains err.txt "rtc-sip-min (HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\RTC\\PortRange\\MinSipDynamicPort: needs a SOFTWARE hive (HKLM\\SOFTWARE))"
untouched "absolute link, refused"
expect_exit 0 hp apply --allow-uncovered -p "$pol" --image img
assert_contains out.txt "2 changes written to 1 hive"
untouched "absolute link"
# Where the image has that path, the link leads there, and a write
# replaces the file inside the image, never the link.
mkdir -p "img$PWD/host"
hp new --mount 'HKLM\SOFTWARE' "img$PWD/host/SOFTWARE" >/dev/null
expect_exit 1 hp check -p "$pol" --image img
assert_contains out.txt "img$PWD/host/SOFTWARE"
expect_exit 0 hp apply -p "$pol" --image img
assert_contains out.txt "6 changes written to 1 hive"
expect_exit 0 hp check -p "$pol" --image img
untouched "absolute link, file in the image"
top=${PWD#/}
rm -r "img/${top%%/*}"

# A ../ chain one level above the image would reach host/SOFTWARE; it
# stops at the image's root instead: img/host/SOFTWARE, absent.
rm $cfg/SOFTWARE
ln -s ../../../../host/SOFTWARE $cfg/SOFTWARE
[ "$(cat $cfg/SOFTWARE | head -c 4)" = regf ] || fail "the chain misses"
# (The profile complies since the first apply.)
expect_exit 4 hp check -p "$pol" --image img
no_software
expect_exit 0 hp apply --allow-uncovered -p "$pol" --image img
assert_contains out.txt "nothing to do"
untouched "../ chain"

# A link loop: one line naming the path, an input error, no hang.
rm $cfg/SOFTWARE
ln -s SOFTWARE.1 $cfg/SOFTWARE
ln -s SOFTWARE $cfg/SOFTWARE.1
for cmd in check apply; do
	expect_exit 2 timeout 60 ${HIVEPOL_WRAP:-} "$HIVEPOL" $cmd -p "$pol" \
	    --image img
	[ "$(wc -l < err.txt)" -eq 1 ] || fail "$cmd: loop: $(cat err.txt)"
	assert_contains err.txt \
	    "hivepol: $cfg/SOFTWARE: Too many levels of symbolic links"
done
rm $cfg/SOFTWARE.1

# A profile's NTUSER.DAT is no different (--all-users).
mkdir img/Users/alice
ln -s "$PWD/host/SOFTWARE" img/Users/alice/NTUSER.DAT
expect_exit 0 hp apply --allow-uncovered -p "$pol" --image img --all-users
assert_contains err.txt "img/Users/alice/NTUSER.DAT: skipped"
assert_not_contains out.txt "alice"
untouched "--all-users"
rm -r img/Users/alice

# A relative link to another hive of the image is followed; the write
# lands on that file and the link stays.
rm $cfg/SOFTWARE
mkdir img/hives
hp new --mount 'HKLM\SOFTWARE' img/hives/software.hiv >/dev/null
cp img/hives/software.hiv software.before
ln -s ../../../hives/software.hiv $cfg/SOFTWARE
expect_exit 0 hp apply -p "$pol" --image img
assert_contains out.txt "6 changes written to 1 hive"
[ -L $cfg/SOFTWARE ] || fail "relative link replaced"
cmp -s img/hives/software.hiv software.before && fail "in-image hive unchanged"
expect_exit 0 hp check -p "$pol" --image img

# The same rule for fleet machines that are images, and for profiles.
rm $cfg/SOFTWARE
ln -s "$PWD/host/SOFTWARE" $cfg/SOFTWARE
rm img/Users/Default/NTUSER.DAT
mkdir -p img/Users/alice
ln -s "$PWD/host/SOFTWARE" img/Users/alice/NTUSER.DAT
mkdir fleet
mv img fleet/m1
# Nothing of the compliant host hive counts: all 15 checks lack a target,
# so the machine is not covered (exit 4), not a pass.
expect_exit 4 hp check -p "$pol" --fleet fleet --format jsonl
assert_contains out.txt '"result":"not-covered"'
assert_contains out.txt '"compliant":0,'
assert_contains out.txt '"not-covered":15}'
cmp -s host/SOFTWARE host.orig || fail "fleet: the host hive was written"

# An image's local GPO whose Machine/ links to a GPO on the host: check,
# show and diff see no Machine side, and apply --to-gpo will not write
# through the link.
hp apply -p "$pol" --to-gpo host/gpo >/dev/null || fail "host GPO"
cp -r host/gpo gpo.orig
gp=img2/Windows/System32/GroupPolicy
mkdir -p $gp
cp host/gpo/gpt.ini $gp/
ln -s "$PWD/host/gpo/Machine" $gp/Machine
expect_exit 2 hp check -p "$pol" --image img2
assert_contains err.txt "$gp/Machine: skipped"
assert_contains err.txt "no Windows hives found"
expect_exit 0 hp show img2
[ -s out.txt ] && fail "show read the host GPO: $(cat out.txt)"
expect_exit 1 hp diff host/gpo img2
assert_contains out.txt 'removed  key   HKLM'
expect_exit 2 hp apply -p "$pol" --to-gpo img2
assert_contains err.txt "$gp/Machine: not a directory inside $gp"
diff -r host/gpo gpo.orig >/dev/null || fail "apply --to-gpo wrote the host GPO"
[ -L $gp/Machine ] || fail "the GPO's link was replaced"

# All of it once more with openat2 refused, as a seccomp filter does
# (EPERM): the walk by hand must give the same answers.  (An LD_PRELOAD
# shim cannot go before ASan's runtime, nor under another wrapper.)
if [ -z "${JAIL_BY_HAND:-}" ] && [ -z "${HIVEPOL_WRAP:-}" ] &&
    ! slow_build && command -v cc >/dev/null 2>&1; then
	cat > noopenat2.c <<'C'
#define _GNU_SOURCE
#include <sys/syscall.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <unistd.h>

long
syscall(long n, ...)
{
	long (*real)(long, ...), a[6];
	va_list ap;
	int i;

	if (n == SYS_openat2) {
		close(open("openat2-refused", O_CREAT | O_WRONLY, 0644));
		errno = EPERM;
		return -1;
	}
	va_start(ap, n);
	for (i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	real = (long (*)(long, ...))dlsym(RTLD_NEXT, "syscall");
	return real(n, a[0], a[1], a[2], a[3], a[4], a[5]);
}
C
	cc -shared -fPIC -o noopenat2.so noopenat2.c -ldl ||
	    fail "cannot build the openat2 shim"
	mkdir by-hand
	shim=$PWD/noopenat2.so
	(cd by-hand && JAIL_BY_HAND=1 HIVEPOL_WRAP="env LD_PRELOAD=$shim" \
	    sh "$0") || fail "by hand: failed"
	[ -e by-hand/openat2-refused ] || fail "by hand: openat2 was not refused"
fi
exit 0
