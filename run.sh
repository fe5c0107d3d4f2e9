#!/usr/bin/env bash
# The README's run command: builds and starts everything locally (`billing up`); Ctrl+C stops it.
#   ./run.sh          storage, the Stripe emulator (when Stripe__ApiKey is empty) and the app, until Ctrl+C or SIGTERM
#   ./run.sh --demo   the same, then a scripted scenario with a readable summary; exits 0
# exec: signals reach the CLI (dotnet run forwards them to it) so that it stops the app cleanly.
set -euo pipefail
cd "$(dirname "$0")"
# The dashboard needs no browser of the app's own; chromium is the one the browser tests and
# their screenshots use, installed here too so a checkout that runs is one that tests.
tools/ensure-chromium.sh
exec dotnet run --project src/Billing.Cli -- up "$@"
