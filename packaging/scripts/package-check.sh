#!/usr/bin/env bash
# Checks what `make package` left in dist/ (run after it; not part of `make test`).
# Windows: the setup.exe is an NSIS (Unicode) installer whose payload holds cunji.exe, a PE32+
# GUI program with an icon resource and this version in its version information.
# Linux: the tar.xz and the .deb have the expected files and metadata, the .deb's Depends cover
# every library the binary links or dlopen()s, it installs with dpkg -i, `cunji -version` prints
# the version, the installed program opens a window under Xvfb, and dpkg -r removes it all.
. "$(dirname "$0")/common.sh"
need_apt p7zip-full file icoutils binutils binutils-mingw-w64-x86-64 xvfb xdotool x11-utils \
  imagemagick libgl1-mesa-dri desktop-file-utils xz-utils bc
LIMIT_MB=${LIMIT_MB:-30}
fails=0
ok()   { echo "  ok   $*"; }
bad()  { echo "  FAIL $*"; fails=$((fails + 1)); }
check(){ local what=$1; shift; if "$@" >/dev/null 2>&1; then ok "$what"; else bad "$what"; fi; }
mb()   { echo "scale=1; $(stat -c %s "$1") / 1048576" | bc; }
size_check() { # FILE
  local s; s=$(stat -c %s "$1")
  if [ "$s" -lt $((LIMIT_MB * 1048576)) ]; then ok "size $(mb "$1") MB < $LIMIT_MB MB: ${1#$ROOT/}"
  else bad "size $(mb "$1") MB ≥ $LIMIT_MB MB: ${1#$ROOT/}"; fi
}
tmp=$(mktemp -d /tmp/cunji-pkgcheck.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# ------------------------------------------------------------------ Windows
setup="$DIST/cunji-$VERSION-windows-amd64-setup.exe"
echo "== ${setup#$ROOT/}"
if [ ! -f "$setup" ]; then bad "missing (run make package)"; else
  size_check "$setup"
  file -b "$setup" > "$tmp/setup.file"
  check "file: PE32 executable, Nullsoft installer ($(cut -c1-60 "$tmp/setup.file")…)" \
    grep -q "Nullsoft Installer" "$tmp/setup.file"
  7z l "$setup" > "$tmp/setup.7z" 2>&1 || true
  check "7z: NSIS-3 Unicode" grep -q "SubType = NSIS-3 Unicode" "$tmp/setup.7z"
  for f in cunji.exe uninstall.exe licenses/LICENSE-Apache-2.0.txt licenses/COPYRIGHT.txt; do
    check "7z l lists $f" grep -qE " $f\$" "$tmp/setup.7z"
  done
  # the setup's own version information (Explorer → Properties → Details)
  check "setup.exe version info has $VERSION.$BUILD" grep -q "$VERSION.$BUILD" <(strings -el "$setup")
  echo "== cunji.exe inside the setup"
  7z e -y -o"$tmp/win" "$setup" cunji.exe >/dev/null
  exe="$tmp/win/cunji.exe"
  file -b "$exe" > "$tmp/exe.file"
  check "file: PE32+ executable (GUI) x86-64 ($(cat "$tmp/exe.file"))" \
    grep -q "PE32+ executable (GUI) x86-64" "$tmp/exe.file"
  x86_64-w64-mingw32-objdump -p "$exe" > "$tmp/exe.objdump"
  check "objdump: Magic 020b (PE32+)" grep -qE "^Magic\s+020b" "$tmp/exe.objdump"
  check "objdump: Subsystem 2 (Windows GUI)" grep -qE "^Subsystem\s+0+2\s+\(Windows GUI\)" "$tmp/exe.objdump"
  wrestool -l "$exe" > "$tmp/exe.res" 2>&1 || true
  check "icon resource (RT_GROUP_ICON)" grep -q -- "--type=14" "$tmp/exe.res"
  check "version resource (RT_VERSION)" grep -q -- "--type=16" "$tmp/exe.res"
  wrestool -x --type=14 "$exe" > "$tmp/exe.ico" 2>/dev/null || true
  icotool -l "$tmp/exe.ico" > "$tmp/exe.icons" 2>&1 || true
  check "icon has a 256×256 image ($(wc -l < "$tmp/exe.icons") image(s))" grep -q -- "--width=256" "$tmp/exe.icons"
  wrestool -x --raw --type=16 "$exe" > "$tmp/exe.version" 2>/dev/null || true
  check "version info: ProductVersion $VERSION.$BUILD" grep -q "$VERSION.$BUILD" <(strings -el "$tmp/exe.version")
  check "version info: ProductName 村记" grep -q "村记" <(iconv -f UTF-16LE -t UTF-8 -c "$tmp/exe.version")
  # a stripped PE keeps no trace of -X, and Go 1.26 programs do not run under this Debian's wine
  # (no bcryptprimitives.dll), so the proof is the link command fyne ran (its --verbose log)
  check "main.version=$VERSION in fyne's go build command (dist/windows/fyne-package.log)" \
    grep -q -- "-X=main.version=$VERSION " <(grep "Running go build" "$DIST/windows/fyne-package.log" | tail -1)
fi

# ------------------------------------------------------------------ Linux tar.xz
tarball="$DIST/cunji-$VERSION-linux-amd64.tar.xz"
echo "== ${tarball#$ROOT/}"
if [ ! -f "$tarball" ]; then bad "missing (run make package)"; else
  size_check "$tarball"
  tar -tJf "$tarball" > "$tmp/tar.list"
  for f in Makefile bin/cunji "share/applications/$APPID.desktop" "share/pixmaps/$APPID.png"; do
    check "contains …/$f" grep -q "/$f\$" "$tmp/tar.list"
  done
fi

# ------------------------------------------------------------------ Linux .deb
shot="$ROOT/../shared/tools/shot"; [ -x "$shot" ] || shot=/work/shared/tools/shot
deb="$DIST/cunji_${VERSION}_amd64.deb"
echo "== ${deb#$ROOT/}"
if [ ! -f "$deb" ]; then bad "missing (run make package)"; else
  size_check "$deb"
  dpkg-deb --info "$deb" > "$tmp/deb.info"
  check "Package: cunji" grep -qE "^ Package: cunji$" "$tmp/deb.info"
  check "Version: $VERSION" grep -qE "^ Version: $VERSION$" "$tmp/deb.info"
  check "Architecture: amd64" grep -qE "^ Architecture: amd64$" "$tmp/deb.info"
  depends=$(sed -n 's/^ Depends: //p' "$tmp/deb.info")
  echo "       Depends: $depends"
  dpkg-deb --contents "$deb" > "$tmp/deb.contents"
  for f in ./usr/bin/cunji "./usr/share/applications/$APPID.desktop" \
      "./usr/share/icons/hicolor/16x16/apps/$APPID.png" "./usr/share/icons/hicolor/256x256/apps/$APPID.png" \
      "./usr/share/icons/hicolor/scalable/apps/$APPID.svg" ./usr/share/doc/cunji/copyright; do
    check "contains $f" grep -q " $f\$" "$tmp/deb.contents"
  done
  check "no file outside /usr" bash -c "! awk '{print \$6}' '$tmp/deb.contents' | grep -v '^./usr/' | grep -vx './'"
  check "files owned by root:root" bash -c "! awk '{print \$2}' '$tmp/deb.contents' | grep -vx 'root/root'"
  dpkg-deb -x "$deb" "$tmp/debroot"
  desk="$tmp/debroot/usr/share/applications/$APPID.desktop"
  check "desktop-file-validate" desktop-file-validate "$desk"
  check ".desktop Name=村记" grep -qx "Name=村记" "$desk"
  check ".desktop Name[en]=Cunji" grep -qx "Name\[en\]=Cunji" "$desk"
  check ".desktop Comment and Comment[en]" bash -c "grep -q '^Comment=' '$desk' && grep -q '^Comment\[en\]=' '$desk'"
  # every library the binary needs, linked (NEEDED) or opened at run time (dlopen), is in Depends
  bin="$tmp/debroot/usr/bin/cunji"
  check "file: ELF 64-bit x86-64, stripped" bash -c "file -b '$bin' | grep -q 'ELF 64-bit LSB .*x86-64.*stripped'"
  objdump -p "$bin" | awk '/NEEDED/ {print $2}' > "$tmp/needed"
  strings "$bin" | grep -oxE 'lib[A-Za-z0-9_+-]+\.so(\.[0-9]+)*' | sort -u > "$tmp/dlopen"
  echo "       NEEDED: $(paste -sd' ' "$tmp/needed")"
  echo "       dlopen: $(paste -sd' ' "$tmp/dlopen")"
  # optional back-ends GLFW tries and does without (Vulkan, GLES, OSMesa, the XCB/Xlib bridges)
  # and unversioned names (fallbacks that exist only with -dev packages)
  optional='^lib(vulkan|GLES_CM|GLESv1_CM|GLESv[123]|OSMesa|GLX|OpenGL|xcb|decor-0)\.so|\.so$'
  while read -r lib; do
    [ -n "$lib" ] || continue
    if grep -qE "$optional" <<<"$lib"; then echo "       (optional, not required: $lib)"; continue; fi
    path=$(ldconfig -p | awk -v l="$lib" '$1 == l && /x86-64/ {print $NF}' | head -1)
    if [ -z "$path" ]; then bad "$lib: not on this machine, cannot map it to a package"; continue; fi
    pkg=""; real=$(readlink -f "$path")
    for q in "$path" "$real" "${real#/usr}"; do  # merged /usr: dpkg may know either spelling
      pkg=$(dpkg -S "$q" 2>/dev/null | head -1 | cut -d: -f1 || true); [ -z "$pkg" ] || break
    done
    if grep -qE "(^|, )$pkg( |,|$)" <<<"$depends"; then ok "$lib → $pkg in Depends"
    else bad "$lib → ${pkg:-?} missing from Depends"; fi
  done < <(cat "$tmp/needed" "$tmp/dlopen" | sort -u)
  glibc=$(objdump -T "$bin" | grep -oE 'GLIBC_[0-9.]+' | sort -uV | tail -1)
  echo "       newest glibc symbol: $glibc (Debian 12: 2.36, Ubuntu 22.04: 2.35)"

  echo "== install, run, remove (on this machine)"
  if dpkg -s cunji >/dev/null 2>&1; then echo "       cunji was installed before; it will be replaced and removed"; fi
  if $SUDO dpkg -i "$deb" > "$tmp/dpkg-i.log" 2>&1; then ok "dpkg -i installs"
  else cat "$tmp/dpkg-i.log"; bad "dpkg -i (dependencies missing?); trying apt-get -f install"
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -f -y -qq >/dev/null 2>&1 || true; fi
  out=$(/usr/bin/cunji -version 2>&1 || true)
  if grep -q "$VERSION" <<<"$out"; then ok "cunji -version prints \"$out\""; else bad "cunji -version printed \"$out\""; fi
  check "/usr/share/applications/$APPID.desktop installed" test -f "/usr/share/applications/$APPID.desktop"
  db="$tmp/pkgcheck.db"
  if "$shot" "$DIST/deb-shot.png" --wait 3 -- /usr/bin/cunji -db "$db" > "$tmp/shot.out" 2>&1; then
    ok "installed cunji opened a window under Xvfb: $(head -1 "$tmp/shot.out") → dist/deb-shot.png"
    sd=$(convert "$DIST/deb-shot.png" -colorspace gray -format '%[fx:standard_deviation]' info: 2>/dev/null || echo 0)
    if [ "$(echo "$sd > 0.02" | bc)" = 1 ]; then ok "the screenshot is not blank (grey std-dev $sd)"
    else bad "the screenshot looks blank (grey std-dev $sd)"; fi
  else cat "$tmp/shot.out"; cat "$DIST/deb-shot.log" 2>/dev/null | tail -20; bad "installed cunji did not open a window"; fi
  check "a database was created at the -db path" test -f "$db"
  # docks (GNOME, UKUI on Kylin, DDE on UOS) match windows to the launcher by WM_CLASS, which
  # GLFW sets to the window's title: the .desktop StartupWMClass must equal it
  want=$(sed -n 's/^StartupWMClass=//p' "/usr/share/applications/$APPID.desktop")
  d=70; while [ -e /tmp/.X$d-lock ] || [ -e /tmp/.X11-unix/X$d ]; do d=$((d+1)); done
  Xvfb :$d -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
  sleep 1
  DISPLAY=:$d /usr/bin/cunji -db "$tmp/wmclass.db" >/dev/null 2>&1 & app=$!
  got=""
  for i in $(seq 100); do
    w=$(DISPLAY=:$d xdotool search --onlyvisible --pid $app 2>/dev/null | head -1 || true)
    if [ -n "$w" ]; then
      got=$(DISPLAY=:$d xprop -id "$w" WM_CLASS | sed -n 's/.*= "[^"]*", "\(.*\)"$/\1/p' || true)
      got=$(printf '%b' "$(sed 's/\\\([0-7]\{3\}\)/\\0\1/g' <<<"$got")")  # xprop writes UTF-8 as \ooo
      break
    fi
    sleep 0.2
  done
  kill $app 2>/dev/null || true; wait $app 2>/dev/null || true; kill $xvfb 2>/dev/null || true
  if [ -n "$got" ] && [ "$got" = "$want" ]; then ok "window WM_CLASS \"$got\" = .desktop StartupWMClass"
  else bad "window WM_CLASS \"$got\" ≠ .desktop StartupWMClass \"$want\" (the window title changed? update packaging/linux/$APPID.desktop)"; fi
  $SUDO dpkg -r cunji > "$tmp/dpkg-r.log" 2>&1 && ok "dpkg -r cunji" || { cat "$tmp/dpkg-r.log"; bad "dpkg -r cunji"; }
  $SUDO dpkg -P cunji >/dev/null 2>&1 || true
  check "removed: /usr/bin/cunji gone" test ! -e /usr/bin/cunji
  check "removed: desktop entry and icons gone" bash -c "! ls /usr/share/applications/$APPID.desktop /usr/share/icons/hicolor/*/apps/$APPID.* 2>/dev/null | grep -q ."
  check "removed: dpkg knows no cunji" bash -c "! dpkg -s cunji 2>/dev/null | grep -q '^Status: install'"
fi

# ------------------------------------------------------------------ arm64 (optional)
for f in "$DIST/cunji-$VERSION-linux-arm64.tar.xz" "$DIST/cunji_${VERSION}_arm64.deb"; do
  [ -f "$f" ] || continue
  echo "== ${f#$ROOT/} (optional)"
  size_check "$f"
done
if [ -f "$DIST/cunji_${VERSION}_arm64.deb" ]; then
  check "arm64 .deb: Architecture arm64" grep -q "Architecture: arm64" <(dpkg-deb --info "$DIST/cunji_${VERSION}_arm64.deb")
  dpkg-deb --fsys-tarfile "$DIST/cunji_${VERSION}_arm64.deb" | tar -xO ./usr/bin/cunji > "$tmp/cunji-arm64"
  check "arm64 binary: ELF 64-bit ARM aarch64" bash -c "file -b '$tmp/cunji-arm64' | grep -q 'ARM aarch64'"
  chmod +x "$tmp/cunji-arm64"
  need_apt qemu-user
  # with qemu-user and the arm64 runtime libraries (make package-arm64 installs them) it can run here
  if command -v qemu-aarch64 >/dev/null && [ -e /lib/ld-linux-aarch64.so.1 ]; then
    out=$(qemu-aarch64 "$tmp/cunji-arm64" -version 2>&1 || true)
    if grep -q "$VERSION" <<<"$out"; then ok "arm64 under qemu-aarch64: -version prints \"$out\""
    else bad "arm64 under qemu-aarch64: -version printed \"$out\""; fi
    if dpkg -s libgl1-mesa-dri:arm64 >/dev/null 2>&1 && [ -x "$shot" ]; then
      if "$shot" "$DIST/deb-shot-arm64.png" --wait 8 -- qemu-aarch64 "$tmp/cunji-arm64" -db "$tmp/arm64.db" \
          > "$tmp/shot-arm64.out" 2>&1; then
        ok "arm64 under qemu-aarch64 opened a window: $(head -1 "$tmp/shot-arm64.out") → dist/deb-shot-arm64.png"
      else bad "arm64 under qemu-aarch64 did not open a window (dist/deb-shot-arm64.log)"; fi
    fi
  else
    echo "  note arm64 binary not run: the arm64 runtime libraries are not installed (make package-arm64 installs them)"
  fi
fi

echo "== sizes"
for f in "$DIST"/cunji-"$VERSION"-* "$DIST"/cunji_"$VERSION"_*.deb; do
  [ -f "$f" ] && printf '  %6s MB  %s\n' "$(mb "$f")" "${f#$ROOT/}"
done
if [ "$fails" -gt 0 ]; then echo "package-check: $fails check(s) failed"; exit 1; fi
echo "package-check: all checks passed"
