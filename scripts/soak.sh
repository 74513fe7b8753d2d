#!/usr/bin/env bash
# Usage: scripts/soak.sh [count]   (default 5000)
# The hub soak of issue 7: COUNT real edXML documents from agency A to agency B through the hub emulator on 127.0.0.1
# with 30 % faults of every kind (connection reset, 5xx, 429 with Retry-After, slow answer past the client timeout,
# truncated body, duplicate delivery, lost acknowledgement); asserts 0 lost, 0 stored twice, one status 01 per
# document and an empty outbox. Prints the SOAK lines (elapsed time, faults injected by kind, lost, duplicates).
# The test suite runs the same test with 300 documents (EDOC_SOAK_COUNT unset).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
count=${1:-5000}
[[ $count =~ ^[1-9][0-9]*$ ]] || { echo "soak.sh: count must be a positive integer, not '$count'" >&2; exit 2; }
dotnet build tests/EDoc.Interchange.Tests -c Release -nologo -v q
start=$(date +%s)
EDOC_SOAK_COUNT=$count dotnet test tests/EDoc.Interchange.Tests -c Release --no-build \
  --filter "FullyQualifiedName~FaultyHubEndToEndTests.Soak_" --logger "console;verbosity=detailed"
echo "soak.sh: $count documents passed, wall time $(( $(date +%s) - start )) s"
