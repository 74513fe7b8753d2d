#!/usr/bin/env bash
# The main job of the EDoc SDK on a fresh machine with nothing configured:
#   1. installs the two things the demo uses from the system (a serif font with Vietnamese letters, poppler's
#      pdftoppm for the PNG preview) through apt-get when run as root; otherwise it prints the apt-get line;
#   2. builds the edoc command line (samples/EDoc.Cli) and runs `edoc demo --out ./demo-out`: development
#      certificates, a Vietnamese draft, signatures, registers, edXML through an in-process hub, status 01/03,
#      both dossiers archived and verified; it prints the numbers, the verdicts and the files it wrote.
# Arguments go to `edoc demo`: ./demo.sh --out /tmp/demo, ./demo.sh --clamd 127.0.0.1:3310, ./demo.sh --json.
# Exit status: 0 only when every verdict of the demo is positive.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# shellcheck source=scripts/test-tools.sh
source scripts/test-tools.sh
edoc_install_tools demo.sh "${EDOC_DEMO_TOOLS[@]}" || echo "demo.sh: continuing; the demo names what it misses." >&2

if ! command -v dotnet >/dev/null 2>&1; then
  echo "demo.sh: the .NET 10 SDK is required (https://dotnet.microsoft.com/download/dotnet/10.0)." >&2
  exit 1
fi

dotnet build samples/EDoc.Cli -c Release -nologo -v quiet -clp:ErrorsOnly || { echo "demo.sh: the build failed." >&2; exit 1; }

args=("$@")
has_out=0
for a in "${args[@]}"; do [[ $a == --out || $a == --out=* ]] && has_out=1; done
((has_out)) || args=(--out ./demo-out "${args[@]}")
exec dotnet samples/EDoc.Cli/bin/Release/net10.0/edoc.dll demo "${args[@]}"
