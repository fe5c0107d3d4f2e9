#!/usr/bin/env bash
# The README's test command: restores, builds and runs every test (Azurite is started by the
# test fixtures themselves; Debian's chromium, for the dashboard's browser tests, is installed
# here when it is missing).
set -euo pipefail
cd "$(dirname "$0")"
tools/ensure-chromium.sh
dotnet test Billing.sln "$@"
