#!/usr/bin/env bash
# Runs the portal: installs what is missing, provisions the dev HSM token pool, migrates and seeds the
# SQLite database under App_Data/, and serves on http://127.0.0.1:${PORTAL_PORT:-5080}.
set -euo pipefail
cd "$(dirname "$0")"

scripts/install-packages.sh fonts-wqy-microhei softhsm2 openssl
eval "$(scripts/provision-hsm.sh --exports)"

port="${PORTAL_PORT:-5080}"
mkdir -p App_Data
# The Data Protection key ring is stored encrypted to a certificate: a development one (git-ignored) if none is given.
dp_cert="$(pwd)/App_Data/dataprotection-dev.pem"
if [[ -z "${DataProtection__Certificate__Path:-}" && ! -f "$dp_cert" ]]; then
  (umask 077 && openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=Portal Data Protection (development)" \
    -keyout "$dp_cert.key" -out "$dp_cert.crt" 2>/dev/null && cat "$dp_cert.crt" "$dp_cert.key" > "$dp_cert" && rm -f "$dp_cert.crt" "$dp_cert.key")
  echo "run.sh: made a development Data Protection certificate at $dp_cert"
fi
export DataProtection__Certificate__Path="${DataProtection__Certificate__Path:-$dp_cert}"
dotnet build Portal.Web -c Release -nologo -v quiet
# The SO-made trusted wrapping key on every dev token, so Hsm__TrustedWrapping=true can be tried (ADR 0017); idempotent.
scripts/provision-hsm.sh --trusted-wrapping-key
echo
cert_port="${CERTIFICATE_LOGIN_PORT:-5443}"
echo "Portal: http://127.0.0.1:${port}  (demo accounts below once the database is seeded)"
echo "Certificate login (client certificate over TLS): https://127.0.0.1:${cert_port}  (started from /account/certificate-login)"
echo
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export ASPNETCORE_URLS="http://127.0.0.1:${port}"
export CertificateLogin__Enabled="${CertificateLogin__Enabled:-true}"
export CertificateLogin__Port="${cert_port}"
# Certificates carry CRL distribution point, OCSP and CA-issuer URLs at the portal's own address (PkiEndpoints serve them),
# so an outside validator can learn that a seal was revoked.
export Pki__PublicBaseUrl="${Pki__PublicBaseUrl:-http://127.0.0.1:${port}}"
# dotnet run works in the project folder: keep the database and logs under the repository's App_Data/.
export ConnectionStrings__DefaultConnection="${ConnectionStrings__DefaultConnection:-Data Source=$(pwd)/App_Data/portal.db}"
export Serilog__WriteTo__1__Args__path="$(pwd)/App_Data/logs/portal-.log"
exec dotnet run --project Portal.Web -c Release --no-build --no-launch-profile
