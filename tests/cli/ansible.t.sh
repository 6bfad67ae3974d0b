# The Ansible collection (contrib/ansible): hivepol.offline.apply in check
# mode writes nothing and reports the changes, then applies them, then
# changes nothing (changed=false); diff mode shows before/after;
# hivepol.offline.check returns the verdict as data.  Values are read
# back with hivexget, not hivepol.
. "$TESTLIB"
command -v ansible-playbook > /dev/null 2>&1 || skip "ansible-playbook absent"
command -v hivexget > /dev/null 2>&1 || skip "hivexget absent"
top=$(cd "$TESTDATA/../.." && pwd)
pol=$top/policies/lcs-client.conf
img=$PWD/img
mkdir -p $img/Windows/System32/config $img/Users/Default
hp new --mount 'HKLM\SOFTWARE' $img/Windows/System32/config/SOFTWARE >/dev/null
hp new --mount HKCU $img/Users/Default/NTUSER.DAT >/dev/null
export HOME=$PWD ANSIBLE_LOCAL_TEMP=$PWD/.ansible-tmp \
    ANSIBLE_COLLECTIONS_PATH=$top/contrib/ansible \
    ANSIBLE_NOCOLOR=1 \
    ANSIBLE_PYTHON_INTERPRETER=/usr/bin/python3
# ansible-core alone has no json stdout callback (that is ansible.posix's),
# so the play writes its own results, failed ones too, to run.json.
cat > play.yml <<X
- hosts: localhost
  connection: local
  gather_facts: false
  tasks:
    - block:
        - hivepol.offline.apply:
            policy: $pol
            image: $img
            hivepol: $HIVEPOL
          register: r0
        - hivepol.offline.check:
            policy: $pol
            image: $img
            hivepol: $HIVEPOL
          register: r1
      always:
        - ansible.builtin.copy:
            content: "{{ [r0 | default({}), r1 | default({})] | to_json }}"
            dest: $PWD/run.json
          check_mode: false
X
for m in apply check; do
	ansible-doc hivepol.offline.$m > doc.txt 2>&1 || fail "ansible-doc $m: $(cat doc.txt)"
done
# task N's registered result
result() { jq ".[$1]$2" run.json; }

sum_before=$(cat $img/Windows/System32/config/SOFTWARE $img/Users/Default/NTUSER.DAT | sha256sum)
ansible-playbook -i localhost, --check --diff play.yml > out.txt 2> err.txt ||
    fail "check mode: $(cat out.txt err.txt)"
[ "$(result 0 .changed)" = true ] || fail "check mode: not changed"
[ "$(result 0 .changes)" = 8 ] || fail "check mode: $(result 0 .changes) changes"
result 0 '.diff[0].after' | grep -q 'MinSipDynamicPort = REG_DWORD 7100' ||
    fail "diff: $(result 0 .diff)"
result 0 '.diff[0].before' | grep -q 'MinSipDynamicPort = (absent)' || fail "diff before"
[ "$(cat $img/Windows/System32/config/SOFTWARE $img/Users/Default/NTUSER.DAT | sha256sum)" = "$sum_before" ] ||
    fail "check mode wrote"
[ "$(result 1 .compliant)" = false ] || fail "check: compliant before apply"

ansible-playbook -i localhost, play.yml > out.txt 2> err.txt || fail "apply: $(cat out.txt err.txt)"
[ "$(result 0 .changed)" = true ] || fail "apply: not changed"
[ "$(hivexget $img/Windows/System32/config/SOFTWARE 'Policies\Microsoft\Windows\RTC\PortRange' MinSipDynamicPort)" = 7100 ] ||
    fail "hivexget: MinSipDynamicPort not written"
[ "$(result 1 .compliant)" = true ] || fail "check after apply: $(result 1 .verdict)"
[ "$(result 1 '.findings | length')" = 15 ] || fail "check findings"

ansible-playbook -i localhost, play.yml > out.txt 2> err.txt || fail "again: $(cat out.txt err.txt)"
[ "$(result 0 .changed)" = false ] || fail "second apply changed something"
[ "$(result 0 .changes)" = 0 ] || fail "second apply: changes"

# A hivepol error fails the task with hivepol's message.
sed -i "s|policy: $pol|policy: $PWD/missing.conf|" play.yml
ansible-playbook -i localhost, play.yml > out.txt 2> err.txt && fail "a missing policy passed"
result 0 .msg | grep -q 'missing.conf' || fail "error message: $(result 0 .msg)"
exit 0
