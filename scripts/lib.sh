# Shared helpers for scripts/run and scripts/test. Sourced, not run.

step() { printf '\n==> %s\n' "$*"; }

# Root runs apt-get directly; anyone else through sudo.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs the Debian packages given that are not installed yet (one apt-get update first).
ensure_apt() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    step "installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

ensure_rust_tools() {
  if ! command -v cargo >/dev/null 2>&1; then
    echo "cargo is not installed: install Rust (https://rustup.rs) and run this again" >&2
    exit 1
  fi
  if command -v rustup >/dev/null 2>&1; then
    for c in rustfmt clippy; do
      rustup component list --installed 2>/dev/null | grep -q "^$c" || rustup component add "$c"
    done
  fi
  command -v cc >/dev/null 2>&1 || ensure_apt build-essential
  command -v pkg-config >/dev/null 2>&1 || ensure_apt pkg-config
}

# What the desktop shell needs to build (WebKitGTK and GTK headers).
ensure_desktop_deps() {
  ensure_apt build-essential pkg-config libwebkit2gtk-4.1-dev
}

# What the tests need: a virtual display, WebKit's WebDriver, tauri-driver, a D-Bus
# daemon for the test of the single-instance lock, poppler's pdfinfo and pdftotext, which
# read the PDFs we write, librsvg's rsvg-convert, a second reader of our SVGs, and
# PostgreSQL's server programs for the team library's tests. Those start a throwaway
# cluster of their own (initdb into a temporary folder, a Unix socket there only, as the
# postgres user when run as root: tests/src/pg.rs), so the cluster Debian's package
# creates, and may start on port 5432, is neither needed nor touched.
ensure_test_deps() {
  ensure_apt xvfb xauth webkit2gtk-driver dbus-daemon poppler-utils librsvg2-bin postgresql
  if ! command -v tauri-driver >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
    step "installing tauri-driver"
    cargo install tauri-driver --locked --version 2.1.0
  fi
}

# Says how much disk is free where the build goes, and warns when it is less than a
# build needs: a full disk shows up later only as a linker killed by SIGBUS.
check_disk() {
  local need_gb=$1 dir=${CARGO_TARGET_DIR:-.} free_gb
  [ -d "$dir" ] || dir=.
  free_gb=$(df -Pk "$dir" | awk 'NR == 2 { print int($4 / 1048576) }')
  if [ "$free_gb" -lt "$need_gb" ]; then
    echo "warning: ${free_gb} GB free on the disk of target/; a fresh build and test run needs about ${need_gb} GB" >&2
  else
    echo "disk: ${free_gb} GB free for target/ (a fresh build and test run needs about ${need_gb} GB)"
  fi
}

# Node.js and the UI's npm packages, exactly as locked in ui/package-lock.json (the lock
# lists every platform's optional packages, so `npm ci` installs from it as it is).
ensure_ui_deps() {
  if ! command -v npm >/dev/null 2>&1; then
    ensure_apt nodejs npm
  fi
  if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
    step "npm ci (ui/, from package-lock.json)"
    (cd ui && npm ci --no-audit --no-fund)
  fi
}

# What git says of the tracked files (empty outside a git checkout): compared before and
# after set-up, so a set-up step that rewrites a tracked file (a lock, generated code) is
# caught instead of leaving a fresh clone dirty.
tracked_state() {
  if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    { git status --porcelain=v1 --untracked-files=no; git diff; } | sha256sum
  fi
}

# Builds the UI into ui/dist, which the desktop binary embeds.
build_ui() {
  step "building the UI"
  (cd ui && npm run --silent build)
}
