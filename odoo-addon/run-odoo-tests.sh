#!/usr/bin/env bash
# Installs the addon packaged for one series on a fresh database of a real Odoo and runs its
# Odoo tests; fails unless tests really ran and passed and the module is installed:
#
#   odoo-addon/run-odoo-tests.sh ODOO_BIN SERIES [-c ODOO_CONFIG] [ODOO-BIN OPTIONS...]
#   e.g. odoo-addon/run-odoo-tests.sh ~/odoo/19/odoo-bin 19.0 -c ~/odoo/19/odoo.conf
#
# Odoo's own summary ("0 failed, 0 error(s) of 0 tests") is a success when nothing was
# installed or no test was found, so this script checks what a person would: N > 0 tests,
# 0 failed, 0 errors, no ERROR or CRITICAL line in the log, and ir.module.module's state
# "installed". The database (t<series>_g_assistant_<pid>) is dropped at the end unless
# KEEP_DB=1; the log is kept when the run fails. The database connection comes from the config file (or the options given);
# the addons path is Odoo's own beside ODOO_BIN plus the packaged module. PYTHON selects the
# interpreter (Debian's /usr/bin/python3 by default).
set -uo pipefail

usage() { echo "usage: $0 ODOO_BIN 17.0|18.0|19.0 [-c ODOO_CONFIG] [ODOO-BIN OPTIONS...]" >&2; exit 2; }
[ $# -ge 2 ] || usage
odoo_bin=$1; series=$2; shift 2
case "$series" in 17.0|18.0|19.0) ;; *) usage ;; esac
[ -f "$odoo_bin" ] || { echo "$0: no odoo-bin at $odoo_bin" >&2; exit 2; }
python=${PYTHON:-/usr/bin/python3}
odoo_root=$(cd "$(dirname "$odoo_bin")" && pwd)
here=$(cd "$(dirname "$0")" && pwd)

config=()
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[i]}" in
    -c|--config) config=(-c "${args[i+1]}") ;;
    --config=*) config=(-c "${args[i]#--config=}") ;;
  esac
done

work=$(mktemp -d)
db="t${series%%.*}_g_assistant_$$"
log="$work/odoo.log"
fail=1
cleanup() {
  if [ "${KEEP_DB:-0}" = 1 ]; then echo "kept database $db"
  else "$python" "$odoo_bin" db "${config[@]}" drop "$db" >/dev/null 2>&1; fi
  if [ $fail = 0 ]; then rm -rf "$work"; else echo "log kept: $log"; fi
}
trap cleanup EXIT

"$here/package.sh" "$series" "$work/addons" >/dev/null || exit 1
port=$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

echo "Odoo $series: installing crm, sale_management, g_assistant_connector on $db and running its tests ..."
"$python" "$odoo_bin" --http-interface=127.0.0.1 --http-port="$port" "$@" \
  --addons-path="$odoo_root/odoo/addons,$odoo_root/addons,$work/addons" \
  -d "$db" --db-filter="^$db\$" --logfile="$log" \
  -i crm,sale_management,g_assistant_connector --test-enable --test-tags /g_assistant_connector \
  --stop-after-init
rc=$?

summary=$(grep -E "[0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests" "$log" | tail -1)
problems=$(grep -E "^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) " "$log")
state=$(echo "print('MODULE_STATE=' + (env['ir.module.module'].search([('name', '=', 'g_assistant_connector')]).state or 'absent'))" \
  | "$python" "$odoo_bin" shell "$@" --addons-path="$odoo_root/odoo/addons,$odoo_root/addons,$work/addons" \
      -d "$db" --no-http --logfile=/dev/null 2>/dev/null | sed -n 's/^MODULE_STATE=//p')

echo "${summary#* INFO * }"
[ -n "$problems" ] && { echo "ERROR/CRITICAL lines in the log:"; echo "$problems" | cut -c1-300 | head -20; }
echo "g_assistant_connector: ${state:-unknown}"

fail=0
[[ "$summary" =~ ([0-9]+)\ failed,\ ([0-9]+)\ error\(s\)\ of\ ([0-9]+)\ tests ]] || { echo "no test summary in the log" >&2; fail=1; }
if [ $fail = 0 ]; then
  failed=${BASH_REMATCH[1]}; errors=${BASH_REMATCH[2]}; ran=${BASH_REMATCH[3]}
  [ "$ran" -gt 0 ] || { echo "no test ran: the module was not installed or its tests were not found" >&2; fail=1; }
  [ "$failed" = 0 ] && [ "$errors" = 0 ] || fail=1
fi
[ -z "$problems" ] || fail=1
[ "$state" = installed ] || { echo "the module is not installed" >&2; fail=1; }
[ $rc = 0 ] || { echo "odoo-bin exited with $rc" >&2; fail=1; }
[ $fail = 0 ] && echo "Odoo $series: PASSED" || echo "Odoo $series: FAILED"
exit $fail
