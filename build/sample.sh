#!/usr/bin/env bash
# Packs MlAtScale.Analyzers (and with it MlAtScale.Attributes) into the local feed (artifacts/feed)
# and builds the samples against it, the way a user's project consumes the package:
#   - samples/QuickStart: one deliberate, labelled role violation (`warning MLR0001`);
#   - samples/ChurnMl: a churn-prediction system with one project per role, whose labelled
#     violations (`// DELIBERATE VIOLATION (MLR0001)`) must all be reported, and nothing else.
# This script fails if a labelled violation is not reported.
#
#   build/sample.sh            pack, build both samples, run QuickStart
#   build/sample.sh --run      also run ChurnMl's pipeline end to end (ingest, train, serve, canary, KPIs)
#   (CONFIGURATION=Debug build/sample.sh to pack a Debug build)
set -euo pipefail

run_churn=false
for argument in "$@"; do
  case "$argument" in
    --run) run_churn=true ;;
    *) echo "usage: build/sample.sh [--run]" >&2; exit 2 ;;
  esac
done

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
configuration="${CONFIGURATION:-Release}"
# A version no earlier run used, so no NuGet cache can hand back an older build of the package.
version="0.1.0-dev.$(date -u +%Y%m%d%H%M%S)"
feed="$repo/artifacts/feed"
log="$repo/artifacts/sample-build.log"
# The sample restores into its own package folder and leaves the user's global cache alone.
export NUGET_PACKAGES="$repo/artifacts/sample-packages"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

mkdir -p "$feed"
echo "== dotnet pack MlAtScale.Analyzers and MlAtScale.Attributes $version -> $feed"
# MinVerVersionOverride replaces the version from git tags (docs/packaging.md).
dotnet pack "$repo/src/MlAtScale.Analyzers.Package/MlAtScale.Analyzers.Package.csproj" \
  -c "$configuration" -o "$feed" -p:MinVerVersionOverride="$version" -nodeReuse:false -tl:off

echo "== dotnet build samples/QuickStart"
dotnet build "$repo/samples/QuickStart/QuickStart.csproj" \
  -p:MlAtScaleAnalyzersVersion="$version" -nodeReuse:false -tl:off 2>&1 | tee "$log"

if ! grep -Eq 'ChurnModelTrainer\.cs\([0-9]+,[0-9]+\): warning MLR0001' "$log"; then
  echo "error: the sample's deliberate MLR0001 violation was not reported; is the analyzer in the package?" >&2
  exit 1
fi

echo "== dotnet run samples/QuickStart"
dotnet run --project "$repo/samples/QuickStart/QuickStart.csproj" --no-build

churn="$repo/samples/ChurnMl"
churn_log="$repo/artifacts/sample-churn-build.log"
echo "== dotnet build samples/ChurnMl/ChurnMl.sln"
dotnet build "$churn/ChurnMl.sln" \
  -p:MlAtScaleAnalyzersVersion="$version" -nodeReuse:false -tl:off 2>&1 | tee "$churn_log"

# Each labelled line must carry exactly one MLR0001 (the summary at the end repeats them: de-duplicate).
labelled=$(grep -rc --include='*.cs' --exclude-dir=obj --exclude-dir=bin 'DELIBERATE VIOLATION (MLR0001)' "$churn/src" | awk -F: '{ s += $2 } END { print s + 0 }')
reported=$(grep -Eo '[^ ]+\.cs\([0-9]+,[0-9]+\): warning MLR0001' "$churn_log" | sort -u | wc -l)
if [ "$reported" -ne "$labelled" ]; then
  echo "error: samples/ChurnMl labels $labelled deliberate MLR0001 violations, but the build reported $reported" >&2
  exit 1
fi
echo "== samples/ChurnMl: all $labelled labelled MLR0001 violations reported (warnings: the build succeeded)"

if [ "$run_churn" = true ]; then
  echo "== dotnet run samples/ChurnMl/src/Churn.Pipeline"
  dotnet run --project "$churn/src/Churn.Pipeline/Churn.Pipeline.csproj" --no-build
fi
