# Shared helpers for scripts/serve and scripts/test. Source it; do not run it.
#
# Every `ensure_*` function is idempotent: it checks first, prints what it finds, and installs only what
# is missing. Versions come from the repo (Cargo.lock, package-lock.json) or are pinned here, as
# ../shared/TOOLCHAIN.md recommends for this machine.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

TRUNK_VERSION="0.21.14"
# wasm-bindgen-cli must match the wasm-bindgen in Cargo.lock exactly, or trunk tries to download one.
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
BROWSER="/usr/bin/chromium"
CHROMEDRIVER_BIN="/usr/bin/chromedriver"

export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$ROOT/node_modules/.bin:$PATH"

if [ -t 1 ]; then BOLD=$'\e[1m'; GREEN=$'\e[32m'; RED=$'\e[31m'; YELLOW=$'\e[33m'; RESET=$'\e[0m'
else BOLD=""; GREEN=""; RED=""; YELLOW=""; RESET=""; fi

say()  { printf '%s==>%s %s\n' "$BOLD" "$RESET" "$*"; }
ok()   { printf '    %sok%s   %s\n' "$GREEN" "$RESET" "$*"; }
doing(){ printf '    %sinstalling%s %s\n' "$YELLOW" "$RESET" "$*"; }
die()  { printf '%serror:%s %s\n' "$RED" "$RESET" "$*" >&2; exit 1; }

# Runs a command as root (directly when we are root, else through sudo).
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "need root to run: $* (install sudo or run as root)"; fi
}

APT_UPDATED=""
apt_install() {
  if [ -z "$APT_UPDATED" ]; then as_root apt-get update -qq; APT_UPDATED=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

ensure_rust() {
  command -v cargo >/dev/null || die "cargo not found: install Rust with rustup (https://rustup.rs) first"
  ok "$(cargo --version)"
  for c in rustfmt clippy; do
    if ! rustup component list --installed 2>/dev/null | grep -q "^$c"; then
      doing "rustup component $c"; rustup component add "$c"
    fi
  done
}

ensure_wasm_target() {
  if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    ok "rust target wasm32-unknown-unknown"
  else
    doing "rust target wasm32-unknown-unknown"; rustup target add wasm32-unknown-unknown
  fi
}

ensure_trunk() {
  if [ "$(trunk --version 2>/dev/null)" = "trunk $TRUNK_VERSION" ]; then
    ok "trunk $TRUNK_VERSION"
  else
    doing "trunk $TRUNK_VERSION (cargo install, about 9 minutes on 2 cores)"
    cargo install trunk --version "$TRUNK_VERSION" --locked
  fi
}

ensure_wasm_bindgen() {
  [ -n "$WASM_BINDGEN_VERSION" ] || die "no wasm-bindgen in Cargo.lock"
  if [ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $WASM_BINDGEN_VERSION" ] &&
     command -v wasm-bindgen-test-runner >/dev/null; then
    ok "wasm-bindgen-cli $WASM_BINDGEN_VERSION (matches Cargo.lock)"
  else
    # No --locked: the CLI's own lockfile wants a crate version this registry lacks (TOOLCHAIN.md).
    doing "wasm-bindgen-cli $WASM_BINDGEN_VERSION to match Cargo.lock (cargo install, 2 to 9 minutes)"
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
  fi
}

ensure_node() {
  if command -v node >/dev/null && command -v npm >/dev/null; then
    ok "node $(node --version), npm $(npm --version)"
  else
    doing "nodejs and npm (Debian packages)"; apt_install nodejs npm
  fi
}

# npm packages from the committed package-lock.json (wasm-opt from binaryen 132, playwright-core).
# `npm ci` runs only when node_modules does not match the lockfile.
ensure_npm_packages() {
  ensure_node
  local stamp="node_modules/.package-lock.json"
  if [ -f "$stamp" ] && [ "$stamp" -nt package-lock.json ] && [ -x node_modules/.bin/wasm-opt ] &&
     [ -d node_modules/playwright-core ]; then
    ok "npm packages (node_modules matches package-lock.json)"
  else
    doing "npm packages from package-lock.json (npm ci)"
    npm ci --no-audit --no-fund
  fi
  local v; v="$(wasm-opt --version 2>/dev/null || true)"
  case "$v" in *"version 132"*) ok "wasm-opt: $v" ;; *) die "wasm-opt 132 expected on PATH, found: ${v:-none}" ;; esac
}

ensure_browser() {
  if [ -x "$BROWSER" ] && [ -x "$CHROMEDRIVER_BIN" ]; then
    ok "$("$BROWSER" --version 2>/dev/null | head -1), $("$CHROMEDRIVER_BIN" --version | cut -d' ' -f1-2)"
  else
    doing "chromium and chromium-driver (Debian packages, about 45 s)"; apt_install chromium chromium-driver
  fi
}

# Everything the release build needs (command 1).
ensure_build_tools() {
  say "Checking build tools (installing only what is missing)"
  ensure_rust
  ensure_wasm_target
  ensure_trunk
  ensure_wasm_bindgen
  ensure_npm_packages
}

# The release build of the page into dist/. Trunk's post_build hook (scripts/wasm-size) prints the size.
build_release() {
  say "Building the release app: trunk build --release"
  trunk build --release
}
