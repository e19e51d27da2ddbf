#!/usr/bin/env bash
# Installs what Runway needs on a Debian 12 machine, and nothing that is already there.
#
#   scripts/deps.sh run    what building and running the app needs: Debian's build libraries,
#                          the Rust toolchain check, Node, and ui/node_modules
#   scripts/deps.sh test   all of the above, plus Xvfb, WebKitWebDriver, tauri-driver, the Python
#                          venv at .venv for the end-to-end tests, PDF and benchmark tools, and
#                          the package checks' tools (lintian, desktop-file-validate, appstreamcli)
#
# Safe to run again: apt is skipped when every package is installed (dpkg-query), `npm ci` runs
# only when ui/package-lock.json changed, tauri-driver is built only when missing, and the venv
# is refreshed only when tests/e2e/requirements.txt changed. Uses sudo when not root.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODE="${1:-}"

APT_RUN=(
    build-essential pkg-config file
    libwebkit2gtk-4.1-dev libgtk-3-dev libayatana-appindicator3-dev librsvg2-dev libssl-dev
)
APT_TEST=(
    xvfb xauth webkit2gtk-driver dbus-daemon
    poppler-utils qpdf hyperfine
    # Java for MPXJ (the `mpxj` package), which reads the MS Project XML export in tests/sheets:
    # OpenJDK 17, 44 MB to download and 189 MB installed, no recommends; the metapackage over an
    # installed JRE took 2 s here.
    default-jre-headless
    # The package's checks (make package-test): lintian, the .desktop and AppStream validators,
    # xwininfo to see the installed app's window, GIO's Python bindings for the file type.
    lintian desktop-file-utils appstream x11-utils python3-gi
)
# LibreOffice Calc without its GUI opens the CSV exports in tests/sheets; without its recommends
# (fonts from the network, AppArmor, UNO's Python), which the tests do not need.
# PostgreSQL's server programs (initdb, pg_ctl) for the team store's tests (crates/runway-sync):
# each test starts its own server on 127.0.0.1 as an unprivileged user; Debian's own cluster is
# not used.
APT_TEST_LEAN=(libreoffice-calc-nogui postgresql)
TAURI_DRIVER_VERSION="^2"
NODE_MAJOR_MIN=20

say() { printf 'deps: %s\n' "$*"; }
die() {
    printf 'deps: ERROR: %s\n' "$*" >&2
    exit 1
}
sha() { sha256sum "$1" | cut -d' ' -f1; }

usage() {
    sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit 2
}

# --- Debian packages ----------------------------------------------------------------------------

is_installed() {
    [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = "installed" ]
}

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null; then
        # With no terminal (CI) sudo must not wait for a password nobody can type.
        if [ -t 0 ]; then sudo "$@"; else sudo -n "$@"; fi
    else
        die "need root to run: $* (not root, and no sudo)"
    fi
}

apt_install() {
    local missing=() p
    for p in "$@"; do
        is_installed "$p" || missing+=("$p")
    done
    if [ "${#missing[@]}" -eq 0 ]; then
        say "apt: all ${#} packages present"
        return
    fi
    command -v apt-get >/dev/null || die "missing packages (${missing[*]}) and no apt-get: install them by hand"
    say "apt: installing ${missing[*]}"
    # Another apt (unattended upgrades, a colleague's install) may hold the lock: wait for it.
    local apt=(env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 -y -q)
    as_root "${apt[@]}" update ||
        die "apt-get update failed (network? a broken sources.list?)"
    as_root "${apt[@]}" install ${APT_FLAGS:-} "${missing[@]}" ||
        die "apt-get install failed for: ${missing[*]}"
    for p in "${missing[@]}"; do
        is_installed "$p" || die "apt reported success but $p is still not installed"
    done
}

# --- Toolchains that come with the machine ------------------------------------------------------

check_rust() {
    command -v cargo >/dev/null ||
        die "cargo not found: install Rust with rustup (https://rustup.rs); the toolchain is pinned in rust-toolchain.toml"
    # Inside the repo rustup picks the pinned toolchain; this fails if it is not installed.
    local v
    v="$(cd "$ROOT" && cargo --version 2>&1)" ||
        die "cargo cannot run the toolchain pinned in rust-toolchain.toml ($v); run 'rustup show' in the repo to install it"
    (cd "$ROOT" && cargo fmt --version >/dev/null 2>&1 && cargo clippy --version >/dev/null 2>&1) ||
        die "rustfmt or clippy missing for the pinned toolchain: rustup component add rustfmt clippy"
    say "rust: $v"
}

check_node() {
    command -v node >/dev/null && command -v npm >/dev/null ||
        die "node and npm not found: Node $NODE_MAJOR_MIN or newer is required for ui/"
    local major
    major="$(node -p 'process.versions.node.split(".")[0]')"
    [ "$major" -ge "$NODE_MAJOR_MIN" ] ||
        die "node $(node --version) is too old: ui/ needs Node $NODE_MAJOR_MIN or newer"
    say "node: $(node --version), npm $(npm --version)"
}

# --- ui/node_modules ----------------------------------------------------------------------------

npm_ci() {
    local ui="$ROOT/ui" stamp="$ROOT/ui/node_modules/.runway-lock-sha256"
    [ -f "$ui/package.json" ] || die "ui/package.json not found: the front end is missing"
    [ -f "$ui/package-lock.json" ] ||
        die "ui/package-lock.json not found: run 'npm install' in ui/ and commit the lock file"
    local want
    want="$(sha "$ui/package-lock.json")"
    if [ -d "$ui/node_modules" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
        say "npm: ui/node_modules matches package-lock.json"
        return
    fi
    say "npm: npm ci in ui/"
    (cd "$ui" && npm ci --no-audit --no-fund) || die "npm ci failed in ui/"
    echo "$want" >"$stamp"
}

# --- tauri-driver -------------------------------------------------------------------------------

tauri_driver() {
    if command -v tauri-driver >/dev/null; then
        say "tauri-driver: $(command -v tauri-driver)"
        return
    fi
    say "tauri-driver: cargo install tauri-driver --version '$TAURI_DRIVER_VERSION' --locked"
    # Its own target dir: never contend with the project's build for the same lock.
    (cd /tmp && cargo install tauri-driver --version "$TAURI_DRIVER_VERSION" --locked \
        --target-dir "${TMPDIR:-/tmp}/runway-tauri-driver-build") ||
        die "cargo install tauri-driver failed"
    rm -rf "${TMPDIR:-/tmp}/runway-tauri-driver-build"
    command -v tauri-driver >/dev/null ||
        die "tauri-driver installed but not on PATH: add \$HOME/.cargo/bin (or \$CARGO_HOME/bin) to PATH"
}

# --- Python venv for tests/e2e ------------------------------------------------------------------

venv() {
    local venv="$ROOT/.venv" req="$ROOT/tests/e2e/requirements.txt"
    local stamp="$venv/.runway-requirements-sha256" py="${PYTHON:-python3}"
    [ -f "$req" ] || die "tests/e2e/requirements.txt not found"
    local want
    want="$(sha "$req")"
    if [ -x "$venv/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
        say "venv: .venv matches tests/e2e/requirements.txt"
        return
    fi
    command -v "$py" >/dev/null || die "$py not found: Python 3.9 or newer is required for tests/e2e"
    if ! [ -x "$venv/bin/python" ]; then
        if ! "$py" -c 'import venv, ensurepip' 2>/dev/null; then
            # Debian's own python3 keeps venv support in a separate package.
            apt_install python3-venv
        fi
        say "venv: $py -m venv .venv ($("$py" --version 2>&1))"
        "$py" -m venv "$venv" || die "could not create .venv with $py"
    fi
    say "venv: pip install -r tests/e2e/requirements.txt"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$req" ||
        die "pip install into .venv failed"
    echo "$want" >"$stamp"
}

# --- main ---------------------------------------------------------------------------------------

case "$MODE" in
run)
    apt_install "${APT_RUN[@]}"
    check_rust
    check_node
    npm_ci
    ;;
test)
    apt_install "${APT_RUN[@]}" "${APT_TEST[@]}"
    APT_FLAGS=--no-install-recommends apt_install "${APT_TEST_LEAN[@]}"
    check_rust
    check_node
    tauri_driver
    command -v WebKitWebDriver >/dev/null || die "WebKitWebDriver not on PATH (package webkit2gtk-driver)"
    venv
    npm_ci
    ;;
*) usage ;;
esac
say "ready for '$MODE'"
