#!/usr/bin/env bash
# Builds Runway's .deb: the desktop app and the `runway` command, with their man pages, the bash,
# zsh and fish completions, the .runway file type, the AppStream metainfo and the licences.
# `make deb` runs it after building the UI (ui/dist); it prints the path of the package, which it
# also copies to $CARGO_TARGET_DIR/runway_<version>_<arch>.deb.
#
# Tauri's bundler (the npm package @tauri-apps/cli in ui/devDependencies) makes the package from
# src-tauri/tauri.conf.json (bundle.linux.deb: the static files, the .desktop template) merged with
# the file written here, which adds what is generated: the CLI binary, the man pages and
# completions `runway` writes from its clap definitions, the copyright file, the list of bundled
# crates and packages with their licences, and Depends computed by dpkg-shlibdeps from the
# libraries the two binaries link.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
TARGET_DIR="$(realpath -m "${CARGO_TARGET_DIR:-target}")"
STAGE="$TARGET_DIR/package"
TAURI="$ROOT/ui/node_modules/.bin/tauri"
say() { printf 'deb: %s\n' "$*" >&2; }
die() {
    printf 'deb: ERROR: %s\n' "$*" >&2
    exit 1
}

[ -x "$TAURI" ] || die "ui/node_modules/.bin/tauri not found: run scripts/deps.sh run (npm ci in ui/)"
[ -f ui/dist/index.html ] || die "ui/dist not built: run make ui-build"
VERSION="$(node -p 'require("./src-tauri/tauri.conf.json").version')"
ARCH="$(dpkg --print-architecture)"

# RUNWAY_PACKAGE_PROFILE=dev packages a debug build instead (CI's package test: the same files,
# checks and install, without a release build of the whole dependency tree).
PROFILE="${RUNWAY_PACKAGE_PROFILE:-release}"
case "$PROFILE" in
release) CARGO_PROFILE=(--release) OUT_DIR=release BUNDLE_FLAGS=() ;;
dev) CARGO_PROFILE=() OUT_DIR=debug BUNDLE_FLAGS=(--debug) ;;
*) die "RUNWAY_PACKAGE_PROFILE is release or dev, not $PROFILE" ;;
esac
say "cargo build ${CARGO_PROFILE[*]} -p runway-app -p runway-cli"
cargo build "${CARGO_PROFILE[@]}" -p runway-app -p runway-cli
APP="$TARGET_DIR/$OUT_DIR/runway-app"
CLI="$TARGET_DIR/$OUT_DIR/runway"

rm -rf "$STAGE"
mkdir -p "$STAGE/man" "$STAGE/completions" "$STAGE/doc" "$STAGE/bin" "$STAGE/shlibs/debian"

# The binaries as shipped: without their symbol tables (cargo's release profile strips only the
# debug info, which keeps backtraces readable for developers).
strip --strip-unneeded -o "$STAGE/bin/runway" "$CLI"
strip --strip-unneeded -o "$STAGE/bin/runway-app" "$APP"

say "man pages and completions from runway's clap definitions"
"$STAGE/bin/runway" generate-man "$STAGE/man"
cp packaging/linux/runway-app.1 "$STAGE/man/"
gzip -9n "$STAGE"/man/*.1
"$STAGE/bin/runway" completions bash >"$STAGE/completions/runway"
"$STAGE/bin/runway" completions zsh >"$STAGE/completions/_runway"
"$STAGE/bin/runway" completions fish >"$STAGE/completions/runway.fish"

say "copyright, changelog, third-party licences"
{
    cat packaging/linux/copyright
    echo
    # The DejaVu fonts' stanza, as Debian's fonts-dejavu-core states it, for the copy in the source.
    sed -n '/^Files: \*/,$p' crates/runway-pdf/assets/fonts/LICENSE-DejaVu.txt |
        sed '1s|.*|Files: crates/runway-pdf/assets/fonts/*|'
} >"$STAGE/doc/copyright"
gzip -9n <packaging/linux/changelog >"$STAGE/doc/changelog.gz"
{
    echo "What the runway and runway-app binaries of this package bundle, with their licences."
    echo
    echo "Rust crates (cargo tree -e normal, linked statically):"
    cargo tree -e normal -p runway-app -p runway-cli --prefix none --format '{p} {l}' |
        sed -e 's/ (\*)$//' -e 's/ (proc-macro)//' -e 's| (/[^)]*)||' | grep -v '^runway-' | sort -u |
        awk '{ name = $1 " " $2; $1 = ""; $2 = ""; sub(/^ +/, ""); printf "  %-44s %s\n", name, ($0 == "" ? "(no licence field)" : $0) }'
    echo
    echo "JavaScript packages (compiled into the app's web page):"
    for pkg in svelte @tauri-apps/api; do
        node -p "const p = require('./ui/node_modules/$pkg/package.json'); '  ' + (p.name + ' v' + p.version).padEnd(44) + ' ' + p.license"
    done
    echo
    echo "Fonts: DejaVu Sans and DejaVu Sans Bold 2.37, Bitstream Vera licence (LICENSE-DejaVu.txt)."
    echo "SQLite, built into rusqlite (libsqlite3-sys, bundled): public domain."
} >"$STAGE/doc/third-party-licences.txt"

say "Depends from the libraries the binaries link (dpkg-shlibdeps)"
printf 'Source: runway\n\nPackage: runway\nArchitecture: any\n' >"$STAGE/shlibs/debian/control"
shlibs="$(cd "$STAGE/shlibs" && dpkg-shlibdeps -O -e"$STAGE/bin/runway-app" -e"$STAGE/bin/runway" 2>/dev/null)"
depends="$(sed -n 's/^shlibs:Depends=//p' <<<"$shlibs")"
[ -n "$depends" ] || die "dpkg-shlibdeps found no dependencies: $shlibs"

# The generated part of the bundle's configuration, merged over src-tauri/tauri.conf.json.
node - "$STAGE" "$depends" >"$STAGE/tauri.deb.json" <<'EOF'
const [stage, depends] = process.argv.slice(2);
const files = {
  "/usr/bin/runway": `${stage}/bin/runway`,
  "/usr/share/man/man1": `${stage}/man/`,
  "/usr/share/bash-completion/completions/runway": `${stage}/completions/runway`,
  "/usr/share/zsh/vendor-completions/_runway": `${stage}/completions/_runway`,
  "/usr/share/fish/vendor_completions.d/runway.fish": `${stage}/completions/runway.fish`,
  "/usr/share/doc/runway/copyright": `${stage}/doc/copyright`,
  "/usr/share/doc/runway/changelog.gz": `${stage}/doc/changelog.gz`,
  "/usr/share/doc/runway/third-party-licences.txt": `${stage}/doc/third-party-licences.txt`,
};
const deb = { depends: depends.split(/,\s*/), files };
console.log(JSON.stringify({ bundle: { linux: { deb } } }, null, 2));
EOF

# The bundler copies the main binary from the target dir: give it the stripped one, then put the
# developer's build back, so cargo's next build does not see a changed file.
cp -p "$APP" "$STAGE/runway-app.unstripped"
cp "$STAGE/bin/runway-app" "$APP"
restore() { cp -p "$STAGE/runway-app.unstripped" "$APP" && rm -f "$STAGE/runway-app.unstripped"; }
trap restore EXIT
say "tauri bundle --bundles deb"
(cd "$ROOT" && CI=true "$TAURI" bundle "${BUNDLE_FLAGS[@]}" --bundles deb --config "$STAGE/tauri.deb.json" >&2)
restore
trap - EXIT

built="$TARGET_DIR/$OUT_DIR/bundle/deb/Runway_${VERSION}_${ARCH}.deb"
[ -f "$built" ] || die "the bundler did not write $built"
out="$TARGET_DIR/runway_${VERSION}_${ARCH}.deb"
cp "$built" "$out"
say "$(du -h "$out" | cut -f1) $out"
echo "$out"
