#!/usr/bin/env bash
# Webhook ingestion benchmark. Builds the hub and the driver in Release, starts the hub (SQLite,
# default settings) as its own process and drives signed webhooks at it from a second process.
# Usage: bench/webhook-load.sh [seconds-per-phase=15] [connections=64] [--sustained=SECONDS (60)] [--database=sqlite|postgres] [--Inbox:BatchSize=50 …hub settings]
# The sustained phase sends 80 % of the measured maximum for SECONDS and reports the backlog left, in seconds of arrivals.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/GAssistant.Hub -c Release -v q -nologo >/dev/null
dotnet build bench/WebhookLoad -c Release -v q -nologo >/dev/null
dotnet bench/WebhookLoad/bin/Release/net10.0/WebhookLoad.dll src/GAssistant.Hub/bin/Release/net10.0/GAssistant.Hub.dll "${1:-15}" "${2:-64}" "${@:3}"
