#!/bin/sh
# Every command's --help (and "hivepol help CMD") describes every option:
# each option of its usage line has a line of its own, and each option
# described there is one the command accepts.
. "$TESTLIB"

for c in $(hp --list-commands); do
	expect_exit 0 hp "$c" --help
	cp out.txt help.txt
	[ -s err.txt ] && fail "$c --help wrote to stderr: $(cat err.txt)"
	expect_exit 0 hp help "$c"
	cmp -s out.txt help.txt || fail "hivepol help $c differs from $c --help"
	head -n 1 help.txt | grep -q "^usage: hivepol $c" ||
	    fail "$c: no usage line"
	assert_contains help.txt "See hivepol(1) for details."
	# The usage lines: up to the first empty line.
	sed '/^$/q' help.txt > usage.txt
	grep -E '^ +-' help.txt > options.txt || true
	for o in $(grep -oE -- '--[a-z][a-z0-9-]*' usage.txt | sort -u); do
		grep -qE -- "^ +(-[a-zA-Z], )?$o( |\$)" options.txt ||
		    fail "$c --help does not describe $o"
	done
	for s in $(grep -oE -- '[[( ]-[a-zA-Z]+' usage.txt |
	    sed 's/^.-//' | fold -w 1 | sort -u); do
		grep -qE -- "^ +-$s(,| )" options.txt ||
		    fail "$c --help does not describe -$s"
	done
	for o in $(grep -oE -- '^ +(-[a-zA-Z], )?--[a-z][a-z0-9-]*' \
	    options.txt | grep -oE -- '--[a-z0-9-]+'); do
		hp "$c" "$o" > out.txt 2> err.txt
		assert_not_contains err.txt "unknown option"
		assert_not_contains err.txt "not valid here"
	done
done
