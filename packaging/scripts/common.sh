# Shared by the packaging scripts (sourced, not run). Sets ROOT, VERSION, BUILD, FYNE and helpers.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
export PATH="/usr/local/go/bin:$HOME/go/bin:$PATH"
GO=${GO:-go}

# The version lives in FyneApp.toml only; the Makefile passes it, a direct run reads it here.
VERSION=${VERSION:-$(sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml | head -1)}
BUILD=${BUILD:-$(sed -n 's/^Build *= *\([0-9][0-9]*\).*/\1/p' FyneApp.toml | head -1)}
BUILD=${BUILD:-1}
[ -n "$VERSION" ] || { echo "no Version in FyneApp.toml" >&2; exit 1; }
APPID=cn.cunji.app
# Fyne's emoji font is never shown by a ledger; dropping it makes every package smaller.
TAGS=${TAGS:-no_emoji}
FYNE_TOOLS_VERSION=${FYNE_TOOLS_VERSION:-v1.7.4}
FYNE="$ROOT/dist/.tools/fyne-$FYNE_TOOLS_VERSION/fyne"
DIST="$ROOT/dist"
mkdir -p "$DIST"

SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo

# need_apt PKG... installs the Debian packages that are missing (one apt-get update first).
need_apt() {
  local p missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "== installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# need_fyne installs the fyne CLI into dist/.tools (never into the app's go.mod).
need_fyne() {
  [ -x "$FYNE" ] && return 0
  echo "== installing fyne.io/tools/cmd/fyne@$FYNE_TOOLS_VERSION into ${FYNE%/fyne}"
  GOBIN="${FYNE%/fyne}" "$GO" install "fyne.io/tools/cmd/fyne@$FYNE_TOOLS_VERSION"
}

# stage_src DIR puts the source to package in DIR: the committed HEAD (git archive), so a release
# is built from a commit and not from half-edited files; SOURCE=worktree takes the work tree as it
# is (tracked and new, not ignored files). fyne package then writes its fyne.syso, metadata file
# and Build++ there, not in the work tree that others build from at the same time.
stage_src() {
  rm -rf "$1"; mkdir -p "$1"
  if ! git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1; then
    tar --exclude=./dist --exclude=./.git --exclude='*.db' --exclude='*.db-*' -cf - . | tar -C "$1" -xf -
  elif [ "${SOURCE:-head}" = worktree ]; then
    git -C "$ROOT" ls-files -z -co --exclude-standard | tar --null --ignore-failed-read -T - -cf - 2>/dev/null | tar -C "$1" -xf -
  else
    git -C "$ROOT" archive --format=tar HEAD | tar -C "$1" -xf -
    echo "== source: HEAD $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo ' (the work tree has uncommitted changes; they are not packaged)')"
  fi
}

# render_icon SIZE OUT renders assets/icon.svg as a SIZE×SIZE PNG.
render_icon() { rsvg-convert -w "$1" -h "$1" "$ROOT/assets/icon.svg" -o "$2"; }

# record LABEL SECONDS keeps build times for docs/PERFORMANCE.md.
record() { printf '%s\t%s s\t%s\n' "$1" "$2" "$(date -u +%FT%TZ)" >> "$DIST/build-times.tsv"; echo "== $1 took $2 s"; }
