#!/usr/bin/env bash
# Builds dist/cunji-<version>-windows-amd64-setup.exe: cgo cross build with mingw-w64 through
# `fyne package -os windows` (icon, version info, GUI subsystem), then the NSIS installer.
. "$(dirname "$0")/common.sh"
need_apt gcc-mingw-w64-x86-64 nsis icoutils librsvg2-bin
need_fyne
t0=$(date +%s)
stage="$DIST/stage/windows-amd64"
stage_src "$stage/src"
# Windows icons stop at 256 px and fyne puts the one image it is given into the .exe's icon
icon256="$stage/icon-256.png"; mkdir -p "$stage"; render_icon 256 "$icon256"
echo "== fyne package --target windows ($VERSION, tags $TAGS)"
# An existing --executable makes fyne build once (after writing fyne.syso) instead of twice: its
# second build drops the -ldflags taken from GOFLAGS, so main.version would stay "dev".
: > "$stage/src/cunji.exe"
(cd "$stage/src" && env GOOS=windows GOARCH=amd64 CGO_ENABLED=1 \
  CC=x86_64-w64-mingw32-gcc CXX=x86_64-w64-mingw32-g++ \
  GOFLAGS="${GOFLAGS:-} -ldflags=-s -ldflags=-w -ldflags=-X=main.version=$VERSION" \
  "$FYNE" package --target windows --release --tags "$TAGS" --executable cunji.exe \
    --icon "$icon256" --verbose) > "$stage/fyne-package.log" 2>&1 || { cat "$stage/fyne-package.log"; exit 1; }
# fyne names the .exe after FyneApp.toml's Name (村记.exe); the installed file is cunji.exe
exe=$(find "$stage/src" -maxdepth 1 -name '*.exe' | head -1)
[ -n "$exe" ] || { echo "fyne package made no .exe" >&2; exit 1; }
mkdir -p "$DIST/windows"
mv "$exe" "$DIST/windows/cunji.exe"
cp "$stage/fyne-package.log" "$DIST/windows/fyne-package.log"
t1=$(date +%s)
record "windows-amd64 cross build (fyne package)" $((t1 - t0))

icons="$stage/icons"; mkdir -p "$icons"
for s in 16 20 24 32 40 48 64 128; do render_icon $s "$icons/$s.png"; done
render_icon 256 "$icons/256.png"
icotool -c -o "$DIST/windows/cunji.ico" "$icons"/{16,20,24,32,40,48,64,128}.png -r "$icons/256.png"

setup="$DIST/cunji-$VERSION-windows-amd64-setup.exe"
echo "== makensis → ${setup#$ROOT/}"
makensis -V2 -DVERSION="$VERSION" -DBUILD="$BUILD" -DEXE="$DIST/windows/cunji.exe" \
  -DICON="$DIST/windows/cunji.ico" -DLICENSES="$ROOT/assets/fonts" -DOUTFILE="$setup" \
  "$ROOT/packaging/windows/cunji.nsi"
record "windows-amd64 NSIS installer" $(( $(date +%s) - t1 ))
ls -l "$setup"
