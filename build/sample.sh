#!/usr/bin/env bash
# Packs MlAtScale.Analyzers into the local feed (artifacts/feed) and builds samples/QuickStart
# against it, the way a user's project consumes the package. The sample has one deliberate,
# labelled role violation, so the build shows `warning MLR0001`; this script fails if it does not.
#
#   build/sample.sh            (CONFIGURATION=Debug build/sample.sh to pack a Debug build)
set -euo pipefail

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
echo "== dotnet pack MlAtScale.Analyzers $version -> $feed"
dotnet pack "$repo/src/MlAtScale.Analyzers.Package/MlAtScale.Analyzers.Package.csproj" \
  -c "$configuration" -o "$feed" -p:PackageVersion="$version" -nodeReuse:false -tl:off

echo "== dotnet build samples/QuickStart"
dotnet build "$repo/samples/QuickStart/QuickStart.csproj" \
  -p:MlAtScaleAnalyzersVersion="$version" -nodeReuse:false -tl:off 2>&1 | tee "$log"

if ! grep -Eq 'ChurnModelTrainer\.cs\([0-9]+,[0-9]+\): warning MLR0001' "$log"; then
  echo "error: the sample's deliberate MLR0001 violation was not reported; is the analyzer in the package?" >&2
  exit 1
fi

echo "== dotnet run samples/QuickStart"
dotnet run --project "$repo/samples/QuickStart/QuickStart.csproj" --no-build
