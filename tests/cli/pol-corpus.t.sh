# Every Registry.pol in ../shared/corpus/pol: the valid ones list (exit 0),
# the malformed adsys test files (see corpus/MANIFEST.md: "UNPARSEABLE" and
# "STRICT PARSE FAILS", whose size fields disagree with their data) fail
# with exit 2 and one error naming a byte offset.
. "$TESTLIB"
need_shared
corpus=$SHARED/corpus/pol
invalid="adsys/registry-testdata/basic_type__enabled.pol
adsys/registry-testdata/basic_type_with_a_DISABLED_marker_keeps_meta_and_strategy.pol
adsys/registry-testdata/basic_type_with_default_value_needs_a_DISABLED_marker.pol
adsys/registry-testdata/basic_type_with_strategy.pol
adsys/registry-testdata/container_with_default_elements_are_ignored_on_int_option_values_(always_have_values).pol
adsys/registry-testdata/container_with_default_elements_override_empty_option_values.pol
adsys/registry-testdata/container_with_meta_elements_and_value_on_options.pol
adsys/registry-testdata/container_without_metavalues.pol
adsys/registry-testdata/disabled_container_with_disabled_option_values.pol
adsys/registry-testdata/disabled_container_with_values_still_keep_meta_and_strategy_with_a_DISABLED_marker.pol
adsys/registry-testdata/empty_file.pol
adsys/registry-testdata/invalid_decimal_value.pol
adsys/registry-testdata/invalid_header__header_doesnt_match.pol
adsys/registry-testdata/key_is_not_utf16.pol
adsys/registry-testdata/missing_field.pol
adsys/registry-testdata/null_character_in_data.pol
adsys/registry-testdata/section_not_closed.pol
adsys/registry-testdata/semicolon_in_data.pol
adsys/registry-testdata/value_is_not_utf16.pol
adsys/sysvol/corrupted-policy-Machine.pol
adsys/sysvol/integration-C4F393CA-Machine.pol"
n=0 bad=0
for f in $(cd "$corpus" && find . -type f -name '*.pol' | sed 's|^\./||' | sort); do
	n=$((n + 1))
	timeout 60 ${HIVEPOL_WRAP:-} "$HIVEPOL" show --class machine \
	    "$corpus/$f" > out.txt 2> err.txt
	rc=$?
	grep -v '^hivepol: warning: ' err.txt > errors.txt
	case " $(echo $invalid) " in
	*" $f "*)
		bad=$((bad + 1))
		[ "$rc" -eq 2 ] || fail "$f: expected exit 2, got $rc"
		[ "$(wc -l < errors.txt)" -eq 1 ] || fail "$f: expected one error line"
		grep -q ": offset [0-9]*: " errors.txt || fail "$f: error names no offset: $(cat errors.txt)"
		[ -s out.txt ] && fail "$f: output despite the error"
		;;
	*)
		[ "$rc" -eq 0 ] || fail "$f: exit $rc: $(cat err.txt)"
		[ -s errors.txt ] && fail "$f: unexpected error output"
		;;
	esac
done
[ "$n" -ge 48 ] || fail "only $n .pol files found"
[ "$bad" -eq 21 ] || fail "expected 21 malformed files, saw $bad"
echo "$n files, $bad rejected"
