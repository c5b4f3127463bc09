#!/usr/bin/env bash
# make sign CERT=cert.pem KEY=key.pem [PASS=…] [TIMESTAMP_URL=http://…]
# Authenticode-signs the Windows files with osslsigncode: dist/windows/cunji.exe, then rebuilds the
# setup with makensis so that the uninstaller it carries (!uninstfinalize) and the setup itself
# (!finalize) are signed too. Needs a prior `make package`. CERT may also be a .p12/.pfx (then KEY
# is not needed). Without TIMESTAMP_URL the signature is not timestamped (this machine has no
# network to reach a timestamp server) and stops validating when the certificate expires.
. "$(dirname "$0")/common.sh"
: "${CERT:?usage: make sign CERT=cert.pem KEY=key.pem [PASS=password] [TIMESTAMP_URL=url]}"
need_apt osslsigncode nsis
exe="$DIST/windows/cunji.exe"
[ -f "$exe" ] || { echo "no $exe: run make package first" >&2; exit 1; }
export CERT KEY="${KEY:-}" PASS="${PASS:-}" TIMESTAMP_URL="${TIMESTAMP_URL:-}"
one="$ROOT/packaging/scripts/sign-one.sh"
# a signed exe is not signed again (osslsigncode would nest a second signature)
if osslsigncode verify -in "$exe" 2>/dev/null | grep -q "Signer's certificate"; then
  echo "== $exe already signed; signing again replaces it"
  osslsigncode remove-signature -in "$exe" -out "$exe.unsigned" && mv "$exe.unsigned" "$exe"
fi
bash "$one" "$exe"
setup="$DIST/cunji-$VERSION-windows-amd64-setup.exe"
echo "== makensis (signing the uninstaller and the setup)"
makensis -V2 -DVERSION="$VERSION" -DBUILD="$BUILD" -DEXE="$exe" \
  -DICON="$DIST/windows/cunji.ico" -DLICENSES="$ROOT/assets/fonts" -DOUTFILE="$setup" \
  -DSIGN_CMD="bash $one" "$ROOT/packaging/windows/cunji.nsi"
echo "(osslsigncode checks the chain against the system's CAs: a self-signed or test certificate shows"
echo " \"Signature verification: failed\" even though the files are signed)"
for f in "$exe" "$setup"; do
  echo "== osslsigncode verify ${f#$ROOT/}"
  osslsigncode verify -in "$f" 2>&1 | grep -E "Signer's certificate|Subject:|Message digest|Signature verification|Number of signers" || true
done
