#!/usr/bin/env bash
# Packs MlAtScale.Analyzers (and with it MlAtScale.Attributes) into the local feed (artifacts/feed)
# and builds the samples against it, the way a user's project consumes the package:
#   - samples/QuickStart: one deliberate, labelled role violation (`warning MLR0001`);
#   - samples/ChurnMl: a churn-prediction system with one project per role, whose labelled
#     violations (`// DELIBERATE VIOLATION (MLR0001)`, and one crossing hidden behind an unowned
#     helper, `(MLR0010)`) must all be reported, and nothing else; Churn.Operations is owned through
#     .github/CODEOWNERS and its crossing must name the team; then the pull-request view: a copy
#     with samples/ChurnMl/pull-request-demo.patch applied, built against the first build's report,
#     prints mlroles-changes.md.
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

# Each labelled line must carry exactly one diagnostic of its rule (the summary at the end repeats them:
# de-duplicate): `// DELIBERATE VIOLATION (MLR0001)` for a crossing, `(MLR0010)` for one hidden behind an
# unowned helper.
check_labelled() {
  local id="$1" labelled reported
  labelled=$(grep -rc --include='*.cs' --exclude-dir=obj --exclude-dir=bin "DELIBERATE VIOLATION ($id)" "$churn/src" | awk -F: '{ s += $2 } END { print s + 0 }')
  reported=$(grep -Eo "[^ ]+\.cs\([0-9]+,[0-9]+\): warning $id" "$churn_log" | sort -u | wc -l)
  if [ "$reported" -ne "$labelled" ]; then
    echo "error: samples/ChurnMl labels $labelled deliberate $id violations, but the build reported $reported" >&2
    exit 1
  fi
  echo "== samples/ChurnMl: all $labelled labelled $id violations reported (warnings: the build succeeded)"
}
check_labelled MLR0001
check_labelled MLR0010
# Churn.Operations is owned through .github/CODEOWNERS and '@team = Role' lines: its crossing names the team.
if ! grep -Eq 'FeatureDrift\.cs\([0-9]+,[0-9]+\): warning MLR0001: .* via CODEOWNERS:[0-9]+ \(@contoso/ml-platform\)' "$churn_log"; then
  echo "error: the CODEOWNERS-owned crossing in Churn.Operations does not name its team (@contoso/ml-platform)" >&2
  exit 1
fi
echo "== the crossing in the CODEOWNERS-owned project, with the team:"
grep -Eo 'warning MLR0001: .*via CODEOWNERS:[0-9]+ \([^)]+\)' "$churn_log" | sort -u | sed 's/^/   /'
echo "== the crossings hidden behind unowned code, with their chains:"
grep -Eo 'warning MLR0010: .*through unowned code: [^;]+' "$churn_log" | sort -u | sed 's/^/   /'

# The pull-request view: the build above is the base; a copy with pull-request-demo.patch applied is the
# pull request, built against the base's repository report.
base_report="$repo/artifacts/sample-base-report.json"
cp "$churn/artifacts/mlroles/mlroles-report.json" "$base_report"
pull_request="$repo/artifacts/sample-pull-request/ChurnMl"
pull_request_log="$repo/artifacts/sample-pull-request-build.log"
rm -rf "$pull_request"
mkdir -p "$pull_request"
(cd "$churn" && tar --exclude=./artifacts --exclude=bin --exclude=obj -cf - .) | (cd "$pull_request" && tar -xf -)
# The copy lives elsewhere: its nuget.config names the feed by its full path.
sed -i.orig "s|value=\"../../artifacts/feed\"|value=\"$feed\"|" "$pull_request/nuget.config" && rm -f "$pull_request/nuget.config.orig"
patch --quiet -d "$pull_request" -p1 < "$churn/pull-request-demo.patch"
echo "== dotnet build of samples/ChurnMl with pull-request-demo.patch, -p:MlAtScaleCompareTo=$base_report"
dotnet build "$pull_request/ChurnMl.sln" -p:MlAtScaleAnalyzersVersion="$version" -p:MlAtScaleCompareTo="$base_report" \
  -nodeReuse:false -tl:off > "$pull_request_log" 2>&1
changes_line=$(grep -E 'MlAtScale: [0-9]+ new, [0-9]+ fixed violations vs base' "$pull_request_log" | tail -n 1 | sed 's/^ *//')
echo "$changes_line"
if ! echo "$changes_line" | grep -q 'MlAtScale: 1 new, 1 fixed violations vs base'; then
  echo "error: the pull-request view of pull-request-demo.patch should report 1 new and 1 fixed violation (log: $pull_request_log)" >&2
  exit 1
fi
echo "== $pull_request/artifacts/mlroles/mlroles-changes.md:"
cat "$pull_request/artifacts/mlroles/mlroles-changes.md"

echo "== the role reports as pages (open them in a browser; a location's link opens the source):"
echo "   $churn/artifacts/mlroles/mlroles-report.html (repository)"
echo "   $churn/src/Churn.Serving/obj/Debug/net10.0/mlroles-report.html (one project; every project has one)"

if [ "$run_churn" = true ]; then
  echo "== dotnet run samples/ChurnMl/src/Churn.Pipeline"
  dotnet run --project "$churn/src/Churn.Pipeline/Churn.Pipeline.csproj" --no-build
fi
