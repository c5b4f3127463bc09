#!/usr/bin/env bash
# Checks what `make package` left in dist/ (run after it; not part of `make test`).
# Windows: the setup.exe is an NSIS (Unicode) installer whose payload holds cunji.exe, a PE32+
# GUI program with an icon resource and this version in its version information.
# Linux: the tar.xz and the .deb have the expected files and metadata, the .deb's Depends cover
# every library the binary links or dlopen()s, it installs with dpkg -i, `cunji -version` prints
# the version, the installed program opens a window under Xvfb, and dpkg -r removes it all.
# Both Linux binaries (amd64, arm64) need no glibc symbol newer than 2.28; the amd64 .deb installs
# with apt in a Debian 11 (glibc 2.31) chroot and opens its window there; arm64 runs under qemu.
. "$(dirname "$0")/common.sh"
. "$(dirname "$0")/toolchain.sh"
need_apt p7zip-full file icoutils binutils binutils-mingw-w64-x86-64 xvfb xdotool x11-utils \
  imagemagick libgl1-mesa-dri desktop-file-utils xz-utils bc qemu-user debootstrap
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
# ver_le A B: version A ≤ version B (dpkg's rules)
ver_le() { dpkg --compare-versions "$1" le "$2"; }
# glibc_floor BIN LABEL: no glibc symbol version the binary needs is newer than GLIBC_FLOOR
# (readelf, which reads both architectures' ELF files; UOS 20 has glibc 2.28)
glibc_floor() {
  local v newest="" over=""
  for v in $(readelf -W --version-info "$1" | grep -oE 'GLIBC_[0-9]+(\.[0-9]+)+' | sed 's/^GLIBC_//' | sort -uV); do
    newest=$v; ver_le "$v" "$GLIBC_FLOOR" || over="$over GLIBC_$v"
  done
  if [ -n "$newest" ] && [ -z "$over" ]; then ok "$2: newest glibc symbol version GLIBC_$newest ≤ $GLIBC_FLOOR"
  else bad "$2: needs glibc symbols newer than $GLIBC_FLOOR:${over:- none found}"; fi
}
# libc6_floor DEPENDS LABEL: the .deb asks for no libc6 newer than GLIBC_FLOOR (apt on UOS 20 would refuse it)
libc6_floor() {
  local v; v=$(sed -n 's/.*libc6 (>= \([^)]*\)).*/\1/p' <<<"$1")
  if [ -n "$v" ] && ver_le "$v" "$GLIBC_FLOOR"; then ok "$2 Depends: libc6 (>= $v), ≤ $GLIBC_FLOOR"
  else bad "$2 Depends: libc6 (>= ${v:-?}) is newer than $GLIBC_FLOOR"; fi
}
# not_blank PNG: the screenshot shows something (a window drawn, not an empty screen)
not_blank() {
  local sd; sd=$(convert "$1" -colorspace gray -format '%[fx:standard_deviation]' info: 2>/dev/null || echo 0)
  if [ "$(echo "$sd > 0.02" | bc)" = 1 ]; then ok "the screenshot is not blank (grey std-dev $sd)"
  else bad "the screenshot looks blank (grey std-dev $sd): ${1#$ROOT/}"; fi
}
# need_oldroot DIR: a minimal Debian 11 (glibc 2.31, as Kylin V10; the nearest to UOS 20's 2.28 that
# the Debian mirror still has) with Mesa's software OpenGL, made once with debootstrap and kept
need_oldroot() {
  [ -f "$1/.complete" ] && return 0
  $SUDO rm -rf "$1"
  $SUDO debootstrap --variant=minbase --include=libgl1-mesa-dri "$SYSROOT_SUITE" "$1" "$(debian_mirror)" &&
    $SUDO chroot "$1" apt-get clean && $SUDO touch "$1/.complete"
}
# need_armroot DIR: the files of a Debian 11 arm64 system with Mesa, for qemu-aarch64 -L: debootstrap
# --foreign resolves and downloads the packages, dpkg-deb unpacks them all (nothing runs as arm64)
need_armroot() {
  [ -f "$1/.complete" ] && return 0
  $SUDO rm -rf "$1"
  $SUDO debootstrap --foreign --arch=arm64 --variant=minbase --include=libgl1-mesa-dri,libgl1,$(
    tr -d ' ' < "$ROOT/packaging/linux/dlopen-depends") "$SYSROOT_SUITE" "$1" "$(debian_mirror)" || return 1
  local d; for d in "$1"/var/cache/apt/archives/*.deb; do $SUDO dpkg-deb -x "$d" "$1"; done
  $SUDO touch "$1/.complete"
}

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
  glibc_floor "$bin" "amd64 binary"
  libc6_floor "$depends" "amd64 .deb"

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
    not_blank "$DIST/deb-shot.png"
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

# ------------------------------------------------------------------ Debian 11 chroot (amd64)
old="$DIST/.tools/$SYSROOT_SUITE-amd64-root"
echo "== ${deb#$ROOT/} in Debian 11 ($SYSROOT_SUITE chroot ${old#$ROOT/})"
if [ ! -f "$deb" ]; then bad "missing (run make package)"
elif ! need_oldroot "$old" > "$tmp/debootstrap.log" 2>&1; then
  tail -5 "$tmp/debootstrap.log"; bad "debootstrap could not make a Debian 11 chroot (is the Debian mirror reachable?)"
else
  ok "chroot: $($SUDO chroot "$old" ldd --version | head -1)"
  $SUDO cp "$deb" "$old/tmp/cunji.deb"
  # apt (not dpkg -i) so that the Depends must resolve against Debian 11's packages
  if { $SUDO chroot "$old" apt-get update -qq &&
       $SUDO chroot "$old" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq /tmp/cunji.deb; } \
       > "$tmp/apt-debian11.log" 2>&1; then ok "apt-get install ./cunji.deb in Debian 11"
  else tail -15 "$tmp/apt-debian11.log"; bad "apt-get install ./cunji.deb in Debian 11"; fi
  out=$($SUDO chroot "$old" /usr/bin/cunji -version 2>&1 || true)
  if grep -q "$VERSION" <<<"$out"; then ok "Debian 11: cunji -version prints \"$out\""; else bad "Debian 11: cunji -version printed \"$out\""; fi
  # the chroot shares the network namespace, so the program reaches Xvfb's abstract socket
  if "$shot" "$DIST/deb-shot-debian11.png" --wait 3 -- $SUDO chroot "$old" env HOME=/tmp /usr/bin/cunji -db /tmp/pkgcheck.db \
      > "$tmp/shot-debian11.out" 2>&1; then
    ok "Debian 11: installed cunji opened a window under Xvfb: $(head -1 "$tmp/shot-debian11.out") → dist/deb-shot-debian11.png"
    not_blank "$DIST/deb-shot-debian11.png"
  else cat "$tmp/shot-debian11.out"; tail -20 "$DIST/deb-shot-debian11.log" 2>/dev/null; bad "Debian 11: cunji did not open a window"; fi
  check "Debian 11: a database was created at the -db path" test -f "$old/tmp/pkgcheck.db"
  $SUDO chroot "$old" env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq cunji > /dev/null 2>&1 || true
  $SUDO chroot "$old" apt-get clean || true
  $SUDO rm -rf "$old/tmp/cunji.deb" "$old"/tmp/pkgcheck.db* "$old/tmp/.config" "$old/tmp/.cache"
fi

# ------------------------------------------------------------------ arm64
for f in "$DIST/cunji-$VERSION-linux-arm64.tar.xz" "$DIST/cunji_${VERSION}_arm64.deb"; do
  echo "== ${f#$ROOT/}"
  if [ -f "$f" ]; then size_check "$f"; else bad "missing (run make package)"; fi
done
debarm="$DIST/cunji_${VERSION}_arm64.deb"
if [ -f "$debarm" ]; then
  dpkg-deb --info "$debarm" > "$tmp/debarm.info"
  check "arm64 .deb: Architecture arm64" grep -qE "^ Architecture: arm64$" "$tmp/debarm.info"
  libc6_floor "$(sed -n 's/^ Depends: //p' "$tmp/debarm.info")" "arm64 .deb"
  dpkg-deb --fsys-tarfile "$debarm" | tar -xO ./usr/bin/cunji > "$tmp/cunji-arm64"
  chmod +x "$tmp/cunji-arm64"
  check "arm64 binary: ELF 64-bit ARM aarch64" bash -c "file -b '$tmp/cunji-arm64' | grep -q 'ARM aarch64'"
  glibc_floor "$tmp/cunji-arm64" "arm64 binary"
  arm="$DIST/.tools/$SYSROOT_SUITE-arm64-root"
  if need_armroot "$arm" > "$tmp/debootstrap-arm64.log" 2>&1; then
    out=$(qemu-aarch64 -L "$arm" "$tmp/cunji-arm64" -version 2>&1 || true)
    if grep -q "$VERSION" <<<"$out"; then ok "arm64 under qemu-aarch64 with Debian 11 arm64 libraries: -version prints \"$out\""
    else bad "arm64 under qemu-aarch64: -version printed \"$out\""; fi
    # qemu -L looks up absolute paths in the arm64 root first (it has a /tmp): home and database
    # go under dist/stage; Mesa's software OpenGL under emulation needs ~40 s to draw the first frame
    run="$DIST/stage/arm64-run"; rm -rf "$run"; mkdir -p "$run"
    if "$shot" "$DIST/deb-shot-arm64.png" --wait 40 -- env HOME="$run" \
        qemu-aarch64 -L "$arm" "$tmp/cunji-arm64" -db "$run/arm64.db" > "$tmp/shot-arm64.out" 2>&1; then
      ok "arm64 under qemu-aarch64 opened a window: $(head -1 "$tmp/shot-arm64.out") → dist/deb-shot-arm64.png"
      not_blank "$DIST/deb-shot-arm64.png"
    else cat "$tmp/shot-arm64.out"; tail -20 "$DIST/deb-shot-arm64.log" 2>/dev/null; bad "arm64 under qemu-aarch64 did not open a window"; fi
  else
    tail -5 "$tmp/debootstrap-arm64.log"; bad "debootstrap could not fetch Debian 11 arm64 libraries to run the arm64 binary"
  fi
fi

echo "== sizes"
for f in "$DIST"/cunji-"$VERSION"-* "$DIST"/cunji_"$VERSION"_*.deb; do
  [ -f "$f" ] && printf '  %6s MB  %s\n' "$(mb "$f")" "${f#$ROOT/}"
done
if [ "$fails" -gt 0 ]; then echo "package-check: $fails check(s) failed"; exit 1; fi
echo "package-check: all checks passed"
