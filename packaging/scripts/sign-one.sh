#!/usr/bin/env bash
# sign-one.sh FILE: Authenticode-signs FILE in place with osslsigncode, using CERT, KEY, PASS and
# TIMESTAMP_URL from the environment (set by sign.sh; makensis calls this for the uninstaller/setup).
set -euo pipefail
f=$1
args=(sign -h sha256 -n "村记 Cunji" -in "$f" -out "$f.signed")
case "$CERT" in
  *.p12|*.pfx) args+=(-pkcs12 "$CERT") ;;
  *) args+=(-certs "$CERT" -key "$KEY") ;;
esac
[ -z "${PASS:-}" ] || args+=(-pass "$PASS")
[ -z "${TIMESTAMP_URL:-}" ] || args+=(-ts "$TIMESTAMP_URL")
osslsigncode "${args[@]}" >/dev/null
mv -f "$f.signed" "$f"
echo "signed $f"
