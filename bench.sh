#!/usr/bin/env bash
# The usage benchmark (README "Benchmark"): builds in Release and runs with the documented
# workload; extra arguments are passed through (--help lists them). `./bench.sh invoicing` runs
# the invoicing benchmark instead (README "Invoicing benchmark").
set -euo pipefail
cd "$(dirname "$0")"
dotnet run -c Release --project tests/Billing.Benchmarks -- "$@"
