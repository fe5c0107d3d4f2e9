#!/usr/bin/env bash
# Compiles and lints the Bicep templates (infra/main.bicep and its modules) with the Bicep CLI
# pinned in Directory.Packages.props (Azure.Bicep.CommandLine.linux-x64), restored from NuGet:
# the only network access. Fails on any error or warning. Linux x64 only (the package's binary).
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

project=infra/Infra.Build.csproj
dotnet restore "$project" -nologo -verbosity:quiet

# The restored package folder (NuGet's generated Pkg* property honours NUGET_PACKAGES).
package_dir=$(dotnet msbuild "$project" -nologo -getProperty:BicepPackageDir)
if [ -z "$package_dir" ] || [ ! -d "$package_dir" ]; then
  version=$(sed -n 's/.*Include="Azure.Bicep.CommandLine.linux-x64" Version="\([^"]*\)".*/\1/p' Directory.Packages.props)
  package_dir="${NUGET_PACKAGES:-$HOME/.nuget/packages}/azure.bicep.commandline.linux-x64/${version}"
fi
bicep=$(find "$package_dir" -type f -name bicep -path '*/tools/*' -print -quit 2>/dev/null || true)
if [ -z "$bicep" ]; then
  echo "infra/build.sh: no bicep executable under $package_dir" >&2
  exit 1
fi
chmod +x "$bicep" # NuGet does not keep the executable bit on every system

failed=0
# Runs one Bicep command; fails on a non-zero exit or on any warning or error it reports.
run() {
  local output status=0
  output=$("$bicep" "$@" 2>&1 >/dev/null) || status=$?
  if [ -n "$output" ]; then
    printf '%s\n' "$output"
  fi
  if [ "$status" -ne 0 ] || grep -qE ' : (Warning|Error) ' <<<"$output"; then
    echo "infra/build.sh: 'bicep $*' reported problems (exit $status)" >&2
    failed=1
  fi
}

run build infra/main.bicep --stdout
run lint infra/main.bicep
run lint --pattern 'infra/modules/*.bicep'

if [ "$failed" -ne 0 ]; then
  exit 1
fi
echo "infra/build.sh: $("$bicep" --version | head -n1): infra/main.bicep builds and lints clean"
