#!/usr/bin/env bash
# Runs every test of the project: the hub's .NET suites (unit, integration on SQLite and on a
# real PostgreSQL, crash recovery, backups, upgrades, a self-contained publish, real browser, real
# SMTP, the deploy/ files) and the Odoo addon's pure-Python tests.
# Installs what the tests need first (idempotent). Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"

need=()
command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
/usr/bin/python3 -c "import aiosmtpd" >/dev/null 2>&1 || need+=(python3-aiosmtpd)
# The addon's pure-Python tests import requests (Odoo's own dependency, absent on a machine without Odoo).
/usr/bin/python3 -c "import requests" >/dev/null 2>&1 || need+=(python3-requests)
# deploy/ is checked by the tools that read it: systemd-analyze verify, nginx -t, caddy validate.
command -v systemd-analyze >/dev/null 2>&1 || need+=(systemd)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v caddy >/dev/null 2>&1 || need+=(caddy)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]} ..."
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null \
    || { echo "could not install ${need[*]}"; exit 1; }
  # The tests only read their configuration checkers: stop the web servers an install may have started.
  for service in nginx caddy; do
    if [[ " ${need[*]} " == *" $service "* ]]; then
      $SUDO systemctl disable --now "$service" >/dev/null 2>&1 || $SUDO service "$service" stop >/dev/null 2>&1 || true
    fi
  done
fi

mkdir -p artifacts
passed=0; failed=0

dotnet restore GAssistant.slnx >/dev/null || { echo "restore failed"; echo "0 passed, 1 failed"; exit 1; }
dotnet build GAssistant.slnx --no-restore -c Release 2>&1 | tail -3
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  dotnet test "$project" --no-build -c Release --logger "trx;LogFileName=$name.trx" --results-directory artifacts/test-results \
    2>&1 | tee "artifacts/$name.log" \
    | awk '/^[[:space:]]*(Failed|Passed!|Failed!)|error/ { print; next } /^[[:space:]]*Error Message:/ { n = 6 } n > 0 { print; n-- }' | head -120
  line=$(grep -E "(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+" "artifacts/$name.log" | tail -1)
  if [ -z "$line" ]; then failed=$((failed + 1)); echo "$name: no result (build or host failure)"; continue; fi
  f=$(echo "$line" | sed -E 's/.*Failed: +([0-9]+),.*/\1/'); p=$(echo "$line" | sed -E 's/.*Passed: +([0-9]+),.*/\1/')
  passed=$((passed + p)); failed=$((failed + f))
done

if [ -d odoo-addon/tests ]; then
  (cd odoo-addon && /usr/bin/python3 -m unittest discover -s tests -t . 2>&1) | tee artifacts/odoo-addon.log | tail -3
  ran=$(grep -E "^Ran [0-9]+ test" artifacts/odoo-addon.log | sed -E 's/Ran ([0-9]+).*/\1/')
  bad=0
  for n in $(grep -E "^FAILED \(" artifacts/odoo-addon.log | grep -oE "(failures|errors)=[0-9]+" | cut -d= -f2); do bad=$((bad + n)); done
  ran=${ran:-0}
  if [ "$ran" = 0 ]; then failed=$((failed + 1)); fi
  passed=$((passed + ran - bad)); failed=$((failed + bad))
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
