#!/bin/sh
# The demo: the seed settings written into a new offline SOFTWARE hive,
# then read back.  Runs in a temporary directory; prints what it does.
set -eu
: "${HIVEPOL:?}"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
h="$dir/SOFTWARE"
rtc='HKLM\SOFTWARE\Policies\Microsoft\Windows\RTC\PortRange'
run() { echo "\$ hivepol $*"; "$HIVEPOL" "$@"; echo; }
run new --mount 'HKLM\SOFTWARE' "$h"
run set "$h" "$rtc" Enabled dword 1
run set "$h" "$rtc" MinSipDynamicPort dword 7100
run set "$h" "$rtc" MaxSipDynamicPort dword 7103
run set "$h" "$rtc" MinMediaPort dword 5350
run set "$h" "$rtc" MaxMediaPort dword 5353
run set "$h" "$rtc" MaxMediaPort dword 5353
run ls -R "$h" 'HKLM\SOFTWARE\Policies'
run get --json "$h" "$rtc" MinSipDynamicPort
