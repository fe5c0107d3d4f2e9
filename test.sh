#!/usr/bin/env bash
# The README's test command: restores, builds and runs every test (Azurite is started by the
# test fixtures themselves).
set -euo pipefail
cd "$(dirname "$0")"
dotnet test Billing.sln "$@"
