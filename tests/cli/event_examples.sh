#!/usr/bin/env bash
# The monitoring examples run as their monitors would run them: the Nagios
# command definitions of examples/nagios/sdesk.cfg with macros expanded
# (empty ones too), and the Zabbix media-type script.
. "$(dirname "$0")/lib.sh"

EX="$SDESK_SOURCE_DIR/examples"
sd 0 init "$DB"
export SDESK_DB="$DB"
mkdir -p "$TEST_DIR/bin"
ln -s "$SDESK" "$TEST_DIR/bin/sdesk"

# nagios_command NAME MACRO=VALUE...: runs the command_line of NAME with
# the macros given (any other macro expands to "", as Nagios does).
nagios_command() {
  local name=$1 line
  shift
  line=$(awk -v name="$name" '
    $1 == "command_name" && $2 == name { found = 1; next }
    found && $1 == "command_line" { sub(/^[ \t]*command_line[ \t]+/, ""); print; exit }' "$EX/nagios/sdesk.cfg")
  [ -n "$line" ] || { fail "no command $name in sdesk.cfg"; return; }
  line=${line//\/usr\/bin\/sdesk/sdesk}
  local pair
  for pair in "$@"; do
    line=${line//"\$${pair%%=*}\$"/${pair#*=}}
  done
  line=$(sed 's/\$[A-Z]*\$//g' <<<"$line")
  out=$(PATH="$TEST_DIR/bin:$PATH" eval "$line" 2>"$TEST_DIR/stderr")
  rc=$?
  err=$(cat "$TEST_DIR/stderr")
}

nagios_command notify-service-by-sdesk NOTIFICATIONTYPE=PROBLEM HOSTNAME=web1 SERVICEDESC=HTTP \
  SERVICESTATE=CRITICAL SERVICEOUTPUT="connection refused" SERVICEPROBLEMID=7
expect_eq "$rc $out" "0 created #1 nagios web1/HTTP" "service problem"
nagios_command notify-service-by-sdesk NOTIFICATIONTYPE=ACKNOWLEDGEMENT HOSTNAME=web1 SERVICEDESC=HTTP \
  SERVICESTATE=CRITICAL SERVICEPROBLEMID=7 NOTIFICATIONAUTHOR=alice NOTIFICATIONCOMMENT=looking
expect_eq "$rc $out" "0 acknowledged #1 nagios web1/HTTP" "acknowledgement"
nagios_command notify-service-by-sdesk NOTIFICATIONTYPE=RECOVERY HOSTNAME=web1 SERVICEDESC=HTTP \
  SERVICESTATE=OK SERVICEOUTPUT="HTTP OK" SERVICEPROBLEMID=0
expect_eq "$rc $out" "0 resolved #1 nagios web1/HTTP" "service recovery"
nagios_command notify-host-by-sdesk NOTIFICATIONTYPE=PROBLEM HOSTNAME=db1 HOSTSTATE=DOWN HOSTPROBLEMID=9
expect_eq "$rc $out" "0 created #2 nagios db1" "host problem"

# Zabbix: value, trigger id, severity, name, host, update action.
PATH="$TEST_DIR/bin:$PATH" out=$("$EX/zabbix/sdesk-zabbix.sh" 1 13491 5 $'Zabbix agent on db1\nis unreachable' db1 "" 2>&1)
expect_eq "$out" "created #3 zabbix trigger-13491" "zabbix problem"
sd 0 show 3 --json
expect_eq "$(jq -r '.ticket | [.title, .priority] | join("|")' <<<"$out")" "Zabbix agent on db1 is unreachable|P1" "zabbix ticket"
out=$(PATH="$TEST_DIR/bin:$PATH" "$EX/zabbix/sdesk-zabbix.sh" 1 13491 5 "Zabbix agent on db1 is unreachable" db1 "acknowledged" 2>&1)
expect_eq "$out" "acknowledged #3 zabbix trigger-13491" "zabbix acknowledge"
out=$(PATH="$TEST_DIR/bin:$PATH" "$EX/zabbix/sdesk-zabbix.sh" 0 13491 5 "Zabbix agent on db1 is unreachable" db1 "" 2>&1)
expect_eq "$out" "resolved #3 zabbix trigger-13491" "zabbix recovery"

finish
