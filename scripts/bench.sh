#!/usr/bin/env bash
# Builds the benchmarks and runs a SHORT job of every benchmark class (ShortRun: 3 warm-ups, 3 iterations, 1 launch,
# in-process so no per-run project build), then writes benchmarks/results/summary.md from BenchmarkDotNet's JSON
# export (scripts/bench_summary.py: no hand-written numbers). About 10 minutes on 2 busy cores.
# Knobs: EDOC_BENCH_ARCHIVE_DOCS (default 100), EDOC_BENCH_ARCHIVE_MIB (default 64), EDOC_BENCH_FILTER (default '*'),
# EDOC_BENCH_NO_BUILD=1 to reuse the last Release build.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
# shellcheck source=scripts/test-tools.sh
source scripts/test-tools.sh
trap 'edoc_stop_test_servers' EXIT
if [[ -z ${EDOC_TEST_POSTGRES:-} ]]; then
  edoc_start_postgres || echo "bench.sh: no PostgreSQL: the postgresql register rows will be missing" >&2
fi
export EDOC_BENCH_ARCHIVE_DOCS=${EDOC_BENCH_ARCHIVE_DOCS:-100}
export EDOC_BENCH_ARCHIVE_MIB=${EDOC_BENCH_ARCHIVE_MIB:-64}
if [[ ${EDOC_BENCH_NO_BUILD:-0} != 1 ]]; then
  dotnet build benchmarks/EDoc.Benchmarks -c Release -nologo -v q
fi
artifacts=$root/benchmarks/EDoc.Benchmarks/BenchmarkDotNet.Artifacts
rm -rf "$artifacts/results"
load_before=$(uptime)
started=$(date -u '+%Y-%m-%d %H:%M UTC')
dotnet benchmarks/EDoc.Benchmarks/bin/Release/net10.0/EDoc.Benchmarks.dll \
  --filter "${EDOC_BENCH_FILTER:-*}" --job short --inProcess --exporters json github --artifacts "$artifacts"
load_after=$(uptime)
python3 scripts/bench_summary.py "$artifacts/results" \
  --started "$started" --nproc "$(nproc)" --load-before "$load_before" --load-after "$load_after" \
  --archive "$EDOC_BENCH_ARCHIVE_DOCS documents, $EDOC_BENCH_ARCHIVE_MIB MiB" \
  > benchmarks/results/summary.md
echo "bench.sh: wrote benchmarks/results/summary.md" >&2
