#!/usr/bin/env bash
# Runs the portal: installs what is missing, provisions the dev HSM token pool, migrates and seeds the
# SQLite database under App_Data/, and serves on http://127.0.0.1:${PORTAL_PORT:-5080}.
set -euo pipefail
cd "$(dirname "$0")"

scripts/install-packages.sh fonts-wqy-microhei softhsm2
eval "$(scripts/provision-hsm.sh --exports)"

port="${PORTAL_PORT:-5080}"
mkdir -p App_Data
dotnet build Portal.Web -c Release -nologo -v quiet
# AGPL-3.0 §13: the portal offers users the source it runs, packed from this working tree (tracked and new files).
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  git ls-files -z --cached --others --exclude-standard | xargs -0 -r ls -d 2>/dev/null \
    | tar -czf App_Data/portal-source.tar.gz -T -
fi
echo
echo "Portal: http://127.0.0.1:${port}  (demo accounts below once the database is seeded)"
echo
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export ASPNETCORE_URLS="http://127.0.0.1:${port}"
# dotnet run works in the project folder: keep the database and logs under the repository's App_Data/.
export ConnectionStrings__DefaultConnection="${ConnectionStrings__DefaultConnection:-Data Source=$(pwd)/App_Data/portal.db}"
export Portal__SourceArchive="$(pwd)/App_Data/portal-source.tar.gz"
export Serilog__WriteTo__1__Args__path="$(pwd)/App_Data/logs/portal-.log"
exec dotnet run --project Portal.Web -c Release --no-build --no-launch-profile
