#!/usr/bin/env bash
# Runs every test: installs what they need (softhsm2, poppler-utils, qpdf, chromium, libnss3-tools,
# fonts-wqy-microhei), builds with warnings as errors, checks formatting, and runs the suite
# (unit, Application on SQLite, signing on SoftHSM2, bUnit, integration, Playwright E2E).
set -euo pipefail
cd "$(dirname "$0")"

scripts/install-packages.sh softhsm2 poppler-utils qpdf chromium libnss3-tools fonts-wqy-microhei
scripts/provision-hsm.sh

dotnet restore Portal.sln -nologo -v quiet
dotnet build Portal.sln -c Release --no-restore -nologo -v quiet

# The format check reads the sources, not the build output: it runs beside the tests, which leave a core idle while
# the SoftHSM2 and E2E collections run alone.
format_log="$(mktemp)"
dotnet format Portal.sln --verify-no-changes --no-restore >"$format_log" 2>&1 &
format_pid=$!

results="$(pwd)/Portal.Tests/artifacts/test-results"
rm -rf "$results"
status=0
dotnet test Portal.Tests -c Release --no-build -nologo \
  --logger "console;verbosity=normal" --logger "trx;LogFileName=results.trx" --results-directory "$results" || status=$?

if ! wait "$format_pid"; then
  cat "$format_log"
  echo "FAILED: dotnet format --verify-no-changes (run 'dotnet format Portal.sln' to fix)"
  status=1
fi
rm -f "$format_log"

# The closing line CI reads: "N passed, N failed, N skipped".
python3 - "$results/results.trx" <<'PY' || true
import re, sys
try:
    text = open(sys.argv[1], encoding="utf-8").read()
except OSError:
    print("0 passed, 1 failed"); sys.exit(0)
# The failed tests again, right above the closing line: the portal logs above can push them out of a short tail.
for name in re.findall(r'<UnitTestResult [^>]*?testName="([^"]*)"[^>]*?outcome="Failed"', text):
    print("FAILED:", name.replace("&quot;", '"').replace("&amp;", "&"))
c = re.search(r"<Counters [^>]*>", text).group(0)
get = lambda k: int(re.search(k + r'="(\d+)"', c).group(1))
skipped = get("total") - get("executed")
print(f"{get('passed')} passed, {get('failed') + get('error')} failed, {skipped} skipped")
PY
exit $status
