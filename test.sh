#!/usr/bin/env bash
# Runs every test of the EDoc SDK on a fresh machine:
#   1. installs the external tools the tests use as independent judges or servers (Debian packages; needs root,
#      otherwise it prints the exact apt-get command to run);
#   2. runs `dotnet test EDocSdk.sln -c Release` with trx results;
#   3. ends with one plain line `N passed, N failed[, N skipped]` computed from the trx files.
# Exit status: 0 when every test passed, 1 otherwise.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
root_dir=$(pwd)

# shellcheck source=scripts/test-tools.sh
source scripts/test-tools.sh
if ! edoc_install_test_tools; then
  echo "test.sh: the test tools above are missing; the tests that need them will fail." >&2
fi
# Servers the tests talk to on 127.0.0.1 (started here, stopped on exit).
edoc_start_test_servers
trap edoc_stop_test_servers EXIT

results="$root_dir/TestResults/run-$(date +%Y%m%d-%H%M%S)-$$"
mkdir -p "$results"
dotnet test EDocSdk.sln -c Release --logger "trx;LogFilePrefix=edoc" --results-directory "$results" "$@"
test_exit=$?

passed=0; failed=0; skipped=0; files=0
for trx in "$results"/*.trx; do
  [[ -f $trx ]] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  p=$(get passed); f=$(get failed); e=$(get error); t=$(get timeout); a=$(get aborted); n=$(get notExecuted)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0})); skipped=$((skipped + ${n:-0}))
done
if ((files == 0)); then
  echo "test.sh: no test results were written (the build failed?)" >&2
  failed=$((failed + 1))
fi
if ((test_exit != 0 && failed == 0)); then
  echo "test.sh: dotnet test exited with $test_exit although no test failed (a test host crashed or the build failed)" >&2
  failed=1
fi
if ((skipped > 0)); then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
((failed == 0)) || exit 1
exit 0
