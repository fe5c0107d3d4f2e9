#!/usr/bin/env bash
# Produces the deployable Functions app folder: a self-contained linux-x64 custom handler
# (Billing.Functions), host.json, one folder per function with its function.json, and the
# sample catalog. Zip the folder for `az functionapp deployment source config-zip`, or run
# `func start` / `func azure functionapp publish` in it where Core Tools are installed.
set -euo pipefail
cd "$(dirname "$0")"
out="${1:-artifacts/app}"
rm -rf "$out"
dotnet publish src/Billing.Functions -c Release -r linux-x64 --self-contained -p:PublishSingleFile=false -o "$out" --nologo -v quiet
chmod +x "$out/Billing.Functions"
echo "Published to $out"
