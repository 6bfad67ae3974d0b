#!/bin/sh
# The demo: an offline Windows image built from scratch, checked against
# the LCS client baseline, fixed with apply, checked again, then drifted,
# and finally bundled into files to deploy.
# Prints what it does.  Runs in DEMO_DIR, made anew and kept with the
# image, the reports and the bundle ("make demo": build/demo), or else in
# a temporary directory removed at the end.
set -eu
: "${HIVEPOL:?}"
top=$(cd "$(dirname "$0")/.." && pwd)
pol="$top/policies/lcs-client.conf"
if [ -n "${DEMO_DIR:-}" ]; then
	rm -rf "$DEMO_DIR"
	mkdir -p "$DEMO_DIR"
	dir=$(cd "$DEMO_DIR" && pwd)
else
	dir=$(mktemp -d)
	trap 'rm -rf "$dir"' EXIT
fi
cd "$dir"
say() { printf '\n## %s\n' "$*"; }
run() {
	echo "\$ hivepol $*"
	rc=0
	"$HIVEPOL" "$@" || rc=$?
	echo "(exit $rc)"
}
rtc='HKLM\SOFTWARE\Policies\Microsoft\Windows\RTC\PortRange'

say "1. A small offline Windows image: new SOFTWARE and Default-user hives"
mkdir -p img/Windows/System32/config img/Users/Default
run new --mount 'HKLM\SOFTWARE' img/Windows/System32/config/SOFTWARE
run new --mount HKCU img/Users/Default/NTUSER.DAT
echo "Someone set half a SIP port range by hand and left tracing on:"
run set img/Windows/System32/config/SOFTWARE "$rtc" MinSipDynamicPort dword 6000
run set img/Users/Default/NTUSER.DAT 'HKCU\Software\Microsoft\Tracing\RTCDLL' EnableFileTracing dword 1

say "2. The policy is sound (no range overlaps, widths fit)"
run policy lint "$pol"

say "3. Check the image: every finding says what, where and why"
run check -p "$pol" --image img

say "4. What apply would change (dry run)"
run apply --dry-run -p "$pol" --image img

say "5. Apply: both hives are written, or neither"
run apply -p "$pol" --image img

say "6. Check again: compliant"
run check -p "$pol" --image img

say "7. A second apply has nothing to do"
run apply -p "$pol" --image img

say "8. Drift: someone narrows the media range to 3 ports"
run set img/Windows/System32/config/SOFTWARE "$rtc" MaxMediaPort dword 5352
run check -p "$pol" --image img
echo
echo "The same findings for programs (--format json) and CI (--format junit):"
run check -p "$pol" --format junit --image img | grep -m3 'failure type' || true

say "9. Bundle: the same policy as files to deploy on real machines"
run bundle -p "$pol" -o bundle
echo "Every file carries the policy's exact values; README.txt says how to deploy each."
echo "The generated template is valid and Enabled means exactly the policy:"
run template lint bundle/PolicyDefinitions/lcs-client.admx
echo "The Group Policy part is a GPO folder that check reads like any target:"
run check -p "$pol" bundle

# The reports of the drifted image, kept beside it.
"$HIVEPOL" check -p "$pol" --format json -o report.json --image img || true
"$HIVEPOL" check -p "$pol" --format junit -o report.xml --image img || true
[ -n "${DEMO_DIR:-}" ] || exit 0
hp=$HIVEPOL
case $hp in "$top"/*) hp=${hp#"$top"/} ;; esac
d=$DEMO_DIR
say "Kept in $d: the image (img/), its reports and the bundle.  To look at them:"
cat <<EOF
  $hp ls -R $d/img/Windows/System32/config/SOFTWARE 'HKLM\SOFTWARE\Policies'
  $hp ls -R $d/img/Users/Default/NTUSER.DAT 'HKCU\Software\Microsoft\Tracing'
  $hp check -p policies/lcs-client.conf --image $d/img
  less $d/report.json $d/report.xml
  cat $d/bundle/README.txt; ls -R $d/bundle
EOF
