#!/usr/bin/env bash
# Refreshes the vendored pdf.js (Portal.Web/wwwroot/lib/pdfjs) from npm. Not needed to build, run or test:
# the files are committed. Usage: scripts/update-pdfjs.sh [version]
set -euo pipefail
version="${1:-6.5.438}"
here="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm install --omit=optional --no-audit --no-fund "pdfjs-dist@$version" >/dev/null)
src="$tmp/node_modules/pdfjs-dist"
dst="$here/Portal.Web/wwwroot/lib/pdfjs"
rm -rf "$dst"
mkdir -p "$dst"
cp "$src/build/pdf.min.mjs" "$src/build/pdf.worker.min.mjs" "$src/LICENSE" "$dst/"
# CJK documents often use non-embedded fonts: pdf.js needs the CMaps and standard fonts for them.
cp -r "$src/cmaps" "$src/standard_fonts" "$dst/"
echo "$version" > "$dst/VERSION"
echo "pdf.js $version -> $dst"
