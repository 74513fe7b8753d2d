#!/usr/bin/env bash
# Packs the five EDoc packages and the edoc dotnet tool (EDoc.Packages.slnf) into ./artifacts: a .nupkg with its
# README, MIT license expression and XML docs, and a .snupkg with the symbols, each validated by package validation.
# Always a full, deterministic rebuild with ContinuousIntegrationBuild (source paths mapped to /_/), whatever the
# working tree built before. Extra arguments go to dotnet build and pack, e.g. -p:Version=0.2.0.
# Try them: dotnet new console -o app && cd app && dotnet add package EDoc.Signing --prerelease -s ../artifacts
#           dotnet tool install EDoc.Cli --tool-path tools --add-source ../artifacts
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rm -rf artifacts
dotnet build EDoc.Packages.slnf -c Release --no-incremental -nologo -p:ContinuousIntegrationBuild=true "$@"
dotnet pack EDoc.Packages.slnf -c Release --no-build -o artifacts -nologo -p:ContinuousIntegrationBuild=true "$@"
ls -l artifacts
