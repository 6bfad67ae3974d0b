# convert names an entry of a Registry.pol by its byte offset, and says
# so: "offset N", not "line N".  The offset of the first **delvals. entry
# of a real baseline .pol is found independently with python.
. "$TESTLIB"
need_shared
pol=$SHARED/corpus/pol/shb/Chrome-403B3DA7-Machine.pol
py=$(debian_python) || skip "no /usr/bin/python3"
at=$("$py" - "$pol" <<'PY'
import sys
b = open(sys.argv[1], "rb").read()
i = b.find("**delvals.".encode("utf-16-le"))
print(b.rfind("[".encode("utf-16-le"), 0, i))
PY
)
expect_exit 2 hp convert --class machine "$pol" -o x.reg
assert_contains err.txt "(delete-all-values, offset $at) has no .reg form"
assert_not_contains err.txt 'line'
