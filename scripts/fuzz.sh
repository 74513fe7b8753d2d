#!/usr/bin/env bash
# Coverage-guided fuzzing of one EDoc reader with AFL++ and SharpFuzz.
#   scripts/fuzz.sh TARGET [SECONDS]     TARGET: pdf-reader | pdf-verifier | edxml-reader | archive-verifier
# Publishes fuzz/EDoc.Fuzz, instruments the EDoc assemblies with the SharpFuzz tool, and runs afl-fuzz for SECONDS
# (default 1800) on fuzz/seeds/TARGET. Findings go to fuzz/findings/TARGET (not committed); every crash found is
# copied to fuzz/regressions/TARGET/, which the test suite replays (FuzzRegressionTests). Prints AFL's summary.
# Needs: afl++ (Debian package afl++), the .NET SDK; the SharpFuzz.CommandLine tool is installed into .tools/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
target=${1:?usage: scripts/fuzz.sh TARGET [SECONDS]}
seconds=${2:-1800}
case $target in pdf-reader|pdf-verifier|edxml-reader|archive-verifier) ;; *) echo "unknown target $target" >&2; exit 2;; esac
command -v afl-fuzz >/dev/null || { echo "afl-fuzz missing: apt-get install afl++" >&2; exit 2; }

out=fuzz/out/$target
findings=fuzz/findings/$target
if [[ ! -x .tools/sharpfuzz ]]; then
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path .tools >/dev/null
fi
rm -rf "$out"
dotnet publish fuzz/EDoc.Fuzz -c Release -o "$out" -nologo -v q >/dev/null
for dll in "$out"/EDoc.Abstractions.dll "$out"/EDoc.Signing.dll "$out"/EDoc.Interchange.dll "$out"/EDoc.Archive.dll; do
  .tools/sharpfuzz "$dll" >/dev/null
done

resume=(-i "fuzz/seeds/$target")
if [[ -d $findings/default/queue ]]; then resume=(-i -); fi   # continue an earlier run of this target
mkdir -p "$findings"
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1
export DOTNET_TieredPGO=0 DOTNET_gcServer=0
timeout --signal=INT "$((seconds + 60))" afl-fuzz "${resume[@]}" -o "$findings" -t 10000 -m none -V "$seconds" \
  -- dotnet "$out/EDoc.Fuzz.dll" "$target" >"$findings/afl.log" 2>&1 || true

stats=$findings/default/fuzzer_stats
if [[ ! -f $stats ]]; then echo "afl-fuzz did not start; see $findings/afl.log" >&2; tail -30 "$findings/afl.log" >&2; exit 1; fi
grep -E "^(run_time|execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs|bitmap_cvg)" "$stats"
mkdir -p "fuzz/regressions/$target"
shopt -s nullglob
for f in "$findings"/default/crashes/id:* "$findings"/default/hangs/id:*; do
  cp "$f" "fuzz/regressions/$target/$(basename "$(dirname "$f")")-$(sha256sum "$f" | cut -c1-16)"
done
