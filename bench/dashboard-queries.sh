#!/usr/bin/env bash
# Dashboard query benchmark: loads 1,000,000 leads (30% with a Meta lead link) and 100 campaigns x 365 days of Meta
# insights (campaign and ad level) into SQLite and into a throwaway PostgreSQL (Debian's package, like the tests), then
# times the figures of /crm, /campaigns, its drill-down and /api/analytics/attribution next to plain GROUP BYs over the
# raw tables. Prints a Markdown table per provider.
# Usage: bench/dashboard-queries.sh [sqlite|postgres|both] [leads=1000000] [runs=30]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/DashboardQueries -c Release -v q -nologo >/dev/null
dotnet bench/DashboardQueries/bin/Release/net10.0/GAssistant.Hub.Benchmarks.dll "${1:-both}" "${2:-1000000}" "${3:-30}" "${@:4}"
