#!/usr/bin/env bash
# Produces the deployable Functions app folder: the isolated-worker app built Release and
# framework-dependent (Flex Consumption's dotnet-isolated 10.0 stack brings the .NET runtime;
# the portable build also runs under Core Tools on any OS), with what the Functions host reads:
# functions.metadata, worker.config.json, extensions.json and .azurefunctions/ (written by the
# Functions SDK), the repository's host.json, and the sample catalog. Zip the folder's contents
# for a deployment (infra/README.md), or run `func start` in it where Core Tools are installed.
set -euo pipefail
cd "$(dirname "$0")"
out="${1:-artifacts/app}"
rm -rf "$out"
dotnet publish src/Billing.Functions -c Release -o "$out" --nologo -v quiet
for required in functions.metadata worker.config.json extensions.json host.json .azurefunctions; do
  [[ -e "$out/$required" ]] || { echo "publish.sh: $out/$required is missing" >&2; exit 1; }
done
echo "Published to $out"
