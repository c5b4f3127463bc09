#!/usr/bin/env bash
# Builds the Linux packages for ARCH (amd64, default, or arm64):
#   dist/cunji-<version>-linux-<arch>.tar.xz   what `fyne package -os linux` makes (with its Makefile)
#   dist/cunji_<version>_<arch>.deb           the same files laid out under /usr, built with dpkg-deb
. "$(dirname "$0")/common.sh"
. "$(dirname "$0")/toolchain.sh"
ARCH=${1:-amd64}
case "$ARCH" in amd64|arm64) ;; *) echo "unknown ARCH $ARCH (amd64 or arm64)" >&2; exit 2 ;; esac
# glibc 2.28 for UOS 20 and Kylin V10: Zig's C compiler against a Debian 11 sysroot, for both
# architectures alike (no host -dev packages, no arm64 multiarch). See packaging/README.md "Which Linux".
need_apt pkg-config dpkg-dev xz-utils librsvg2-bin
need_zig
need_sysroot "$ARCH"
mapfile -t cross < <(zig_env "$ARCH")
need_fyne
t0=$(date +%s)
stage="$DIST/stage/linux-$ARCH"
stage_src "$stage/src"
echo "== fyne package --target linux ($ARCH, $VERSION, tags $TAGS)"
(cd "$stage/src" && env GOOS=linux CGO_ENABLED=1 "${cross[@]}" \
  GOFLAGS="${GOFLAGS:-} -ldflags=-s -ldflags=-w -ldflags=-X=main.version=$VERSION" \
  "$FYNE" package --target linux --release --tags "$TAGS" --verbose) > "$stage/fyne-package.log" 2>&1 \
  || { cat "$stage/fyne-package.log"; exit 1; }
# fyne names the archive after FyneApp.toml's Name (村记.tar.xz); an ASCII name travels better
tarxz=$(find "$stage/src" -maxdepth 1 -name '*.tar.xz' | head -1)
[ -n "$tarxz" ] || { echo "fyne package made no .tar.xz" >&2; exit 1; }
tarball="$DIST/cunji-$VERSION-linux-$ARCH.tar.xz"
mv "$tarxz" "$tarball"
t1=$(date +%s)
record "linux-$ARCH build + tar.xz (fyne package)" $((t1 - t0))

# --- .deb from the tarball's layout (fyne uses usr/local/ when the build machine has it; a
# package installs under /usr)
x="$stage/tar"; root="$stage/deb"
rm -rf "$x" "$root"; mkdir -p "$x" "$root/DEBIAN"
tar -C "$x" -xJf "$tarball"
top=$(find "$x" -path '*/bin/cunji' -type f | head -1); top=${top%/bin/cunji}
[ -n "$top" ] || { echo "no bin/cunji in $tarball" >&2; exit 1; }
# fyne's desktop entry is Chinese-only and names the window class after Name (村记), while GLFW
# uses the window title: put the bilingual entry of the .deb into the tarball too
install -m644 "$ROOT/packaging/linux/$APPID.desktop" "$top/share/applications/$APPID.desktop"
(cd "$x" && tar --owner=0 --group=0 -cJf "$tarball" -- *)
install -Dm755 "$top/bin/cunji" "$root/usr/bin/cunji"
install -Dm644 "$top/share/pixmaps/$APPID.png" "$root/usr/share/pixmaps/$APPID.png"
install -Dm644 "$ROOT/packaging/linux/$APPID.desktop" "$root/usr/share/applications/$APPID.desktop"
for s in 16 24 32 48 64 128 256 512; do
  mkdir -p "$root/usr/share/icons/hicolor/${s}x${s}/apps"
  render_icon $s "$root/usr/share/icons/hicolor/${s}x${s}/apps/$APPID.png"
done
install -Dm644 "$ROOT/assets/icon.svg" "$root/usr/share/icons/hicolor/scalable/apps/$APPID.svg"
install -Dm644 "$ROOT/packaging/linux/copyright" "$root/usr/share/doc/cunji/copyright"
install -Dm644 "$ROOT/assets/fonts/LICENSE-Apache-2.0.txt" "$root/usr/share/doc/cunji/LICENSE-Apache-2.0.txt"
install -Dm644 "$ROOT/assets/fonts/COPYRIGHT.txt" "$root/usr/share/doc/cunji/wqy-microhei-COPYRIGHT.txt"
installed_kb=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
# Depends: the ELF's NEEDED libraries as dpkg-shlibdeps names them (with the glibc version the
# binary needs), plus the libraries GLFW dlopen()s at run time (packaging/linux/dlopen-depends)
shl="$stage/shlibdeps"; rm -rf "$shl"; mkdir -p "$shl/debian"
printf 'Source: cunji\n\nPackage: cunji\nArchitecture: any\n' > "$shl/debian/control"
# (the libraries and their symbols files are the sysroot's Debian 11 ones: the lowest versions that fit)
tri=$(triplet "$ARCH")
shlibs=$(cd "$shl" && DEB_HOST_ARCH=$ARCH dpkg-shlibdeps --admindir="$SYSROOT/dpkg" -l"$SYSROOT/lib/$tri" \
  -l"$SYSROOT/usr/lib/$tri" -O -e "$root/usr/bin/cunji" 2>"$stage/shlibdeps.log" \
  | sed -n 's/^shlibs:Depends=//p')
[ -n "$shlibs" ] || { cat "$stage/shlibdeps.log" >&2; echo "dpkg-shlibdeps found nothing" >&2; exit 1; }
depends=$(printf '%s, %s' "$shlibs" "$(cat "$ROOT/packaging/linux/dlopen-depends")" \
  | tr ',' '\n' | sed 's/^ *//; s/ *$//' | awk 'NF && !seen[$1]++' | paste -sd, | sed 's/,/, /g')
sed -e "s/@VERSION@/$VERSION/" -e "s/@ARCH@/$ARCH/" -e "s/@INSTALLED_SIZE@/$installed_kb/" \
  -e "s/@DEPENDS@/$depends/" -e "s/@MAINTAINER@/${MAINTAINER:-Cunji maintainers <maintainers@cunji.invalid>}/" \
  "$ROOT/packaging/linux/control.in" > "$root/DEBIAN/control"
find "$root" -type d -exec chmod 755 {} +
deb="$DIST/cunji_${VERSION}_${ARCH}.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb"
record "linux-$ARCH .deb (dpkg-deb)" $(( $(date +%s) - t1 ))
ls -l "$tarball" "$deb"
