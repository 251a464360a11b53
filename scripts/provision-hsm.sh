#!/usr/bin/env bash
# Provisions the dev HSM pool: two SoftHSM2 tokens under App_Data/hsm with their own softhsm2.conf,
# dev PINs and the key-wrapping secret in the git-ignored App_Data/dev-secrets.env. Idempotent.
# Usage: scripts/provision-hsm.sh            (prints the variables the app needs)
#        eval "$(scripts/provision-hsm.sh --exports)"   (sets them in the calling shell)
#        scripts/provision-hsm.sh --trusted-wrapping-key   (also creates, under the SO PIN, the trusted wrapping key
#                                                           Hsm:TrustedWrapping=true needs — ADR 0017; needs Portal.Web built)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${PORTAL_APP_DATA:-$ROOT/App_Data}"
HSM_DIR="$DATA/hsm"
CONF="$HSM_DIR/softhsm2.conf"
SECRETS="$DATA/dev-secrets.env"
MODULE="${PORTAL_HSM_MODULE:-/usr/lib/softhsm/libsofthsm2.so}"
TOKENS=(portal-a portal-b)
EXPORTS_ONLY=0
TRUSTED_KEY=0
[[ "${1:-}" == "--exports" ]] && EXPORTS_ONLY=1
[[ "${1:-}" == "--trusted-wrapping-key" ]] && TRUSTED_KEY=1

log() { [[ $EXPORTS_ONLY == 1 ]] && echo "$*" >&2 || echo "$*"; }

if ! command -v softhsm2-util >/dev/null 2>&1 || [[ ! -f "$MODULE" ]]; then
  log "provision-hsm: installing softhsm2"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y softhsm2 >&2; then
    apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y softhsm2 >&2
  fi
fi

mkdir -p "$HSM_DIR/tokens"
chmod 700 "$HSM_DIR" "$HSM_DIR/tokens"
cat > "$CONF" <<CONF
directories.tokendir = $HSM_DIR/tokens
objectstore.backend = file
log.level = ERROR
slots.removable = false
CONF
export SOFTHSM2_CONF="$CONF"

rand_hex() { od -An -vtx1 -N"$1" /dev/urandom | tr -d ' \n'; }

if [[ ! -f "$SECRETS" ]]; then
  if [[ -n "$(ls -A "$HSM_DIR/tokens")" ]]; then
    echo "provision-hsm: tokens exist in $HSM_DIR/tokens but $SECRETS is missing; their PINs are lost." >&2
    echo "provision-hsm: delete $HSM_DIR (dev keys are lost with it) and run again." >&2
    exit 1
  fi
  umask 077
  cat > "$SECRETS" <<SECRETS_EOF
# Dev-only secrets of the HSM pool (git-ignored). Never reuse in production.
PORTAL_HSM_PIN=$(rand_hex 8)
PORTAL_HSM_SO_PIN=$(rand_hex 8)
PORTAL_HSM_WRAP_SECRET=$(rand_hex 32)
PORTAL_PKI_ID_PEPPER=$(rand_hex 32)
SECRETS_EOF
  log "provision-hsm: wrote $SECRETS"
fi
chmod 600 "$SECRETS"
# shellcheck disable=SC1090
set -a; . "$SECRETS"; set +a

for label in "${TOKENS[@]}"; do
  if softhsm2-util --show-slots 2>/dev/null | grep -Eq "^[[:space:]]*Label:[[:space:]]+$label[[:space:]]*$"; then
    log "provision-hsm: token $label present"
  else
    softhsm2-util --init-token --free --label "$label" --so-pin "$PORTAL_HSM_SO_PIN" --pin "$PORTAL_HSM_PIN" >&2
    log "provision-hsm: token $label initialized"
  fi
done

if [[ $TRUSTED_KEY == 1 ]]; then
  # softhsm2-util cannot create objects: the portal's own verb does it (TrustedWrappingProvisioning), idempotently.
  WEB_DLL="$ROOT/Portal.Web/bin/Release/net10.0/Portal.Web.dll"
  [[ -f "$WEB_DLL" ]] || dotnet build "$ROOT/Portal.Web" -c Release -nologo -v quiet >&2
  env Hsm__Module="$MODULE" $(for i in "${!TOKENS[@]}"; do echo "Hsm__Tokens__$i=${TOKENS[$i]}"; done) \
    ASPNETCORE_ENVIRONMENT=Development dotnet "$WEB_DLL" --provision-trusted-wrapping-key
  exit $?
fi

if [[ $EXPORTS_ONLY == 1 ]]; then
  echo "export SOFTHSM2_CONF='$CONF'"
  echo "export Hsm__Module='$MODULE'"
  for i in "${!TOKENS[@]}"; do echo "export Hsm__Tokens__$i='${TOKENS[$i]}'"; done
  echo "set -a; . '$SECRETS'; set +a"
else
  cat <<MSG
provision-hsm: dev pool ready. The app needs:
  SOFTHSM2_CONF=$CONF
  Hsm__Module=$MODULE
$(for i in "${!TOKENS[@]}"; do echo "  Hsm__Tokens__$i=${TOKENS[$i]}"; done)
  and the secrets from $SECRETS (PORTAL_HSM_PIN, PORTAL_HSM_WRAP_SECRET, PORTAL_PKI_ID_PEPPER),
  e.g. eval "\$(scripts/provision-hsm.sh --exports)" or EnvironmentPinProvider("$SECRETS").
MSG
fi
