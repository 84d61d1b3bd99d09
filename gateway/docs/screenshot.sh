#!/usr/bin/env bash
# Takes the README's screenshot of Swagger UI as the gateway serves it in Development, with
# headless Chromium (Debian package `chromium`). Start the suite first, in another terminal:
#   dotnet run --project deploy/OffenderRisk.AppHost
# then: bash gateway/docs/screenshot.sh [url] [output]
set -euo pipefail
URL="${1:-http://127.0.0.1:5180/swagger/index.html}"
OUT="${2:-$(dirname "$0")/swagger-ui.png}"
PROFILE="$(mktemp -d)"
trap 'rm -rf "$PROFILE"' EXIT
# No background networking: the page and the document it loads are on loopback.
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$PROFILE" --hide-scrollbars --window-size=1400,1600 \
  --virtual-time-budget=15000 --screenshot="$OUT" "$URL"
echo "Wrote $OUT"
