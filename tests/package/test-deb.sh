#!/usr/bin/env bash
# Checks Runway's .deb as a user meets it: what it holds, lintian, desktop-file-validate and
# appstreamcli, then an install on this machine (root, or sudo without a password), the CLI, the
# .runway file type, the app under Xvfb until its window shows the demo plan, and the removal,
# which must leave the user's plans alone.
#
#   tests/package/test-deb.sh [PATH.deb]     (default: the one scripts/package-deb.sh wrote)
#
# `make package-test` builds the package and runs this; it prints how long each step took.
# It installs the package on the machine it runs on: run it in CI or a throwaway machine.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TARGET_DIR="$(realpath -m "${CARGO_TARGET_DIR:-$ROOT/target}")"
VERSION="$(node -p "require('$ROOT/src-tauri/tauri.conf.json').version")"
DEB="$(realpath "${1:-$TARGET_DIR/runway_${VERSION}_$(dpkg --print-architecture).deb}")"
WORK="$(mktemp -d)"
MIME=application/x-runway-plan
SIZES=(16 22 24 32 36 48 64 72 96 128 192 256 512)

failures=0
step_started=0
say() { printf 'package-test: %s\n' "$*"; }
fail() {
    printf 'package-test: FAIL: %s\n' "$*" >&2
    failures=$((failures + 1))
}
step() {
    [ "$step_started" -eq 0 ] || say "  ($(($(date +%s%N) / 1000000 - step_started)) ms)"
    step_started=$(($(date +%s%N) / 1000000))
    say "== $*"
}
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi; }
cleanup() {
    [ -n "${APP_PID:-}" ] && kill "$APP_PID" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT

[ -f "$DEB" ] || {
    echo "package-test: $DEB not found (make deb)" >&2
    exit 1
}
say "$DEB ($(du -h "$DEB" | cut -f1))"

step "dpkg-deb --info: the control fields"
dpkg-deb --info "$DEB" >"$WORK/info"
for field in 'Package: runway' "Version: $VERSION" 'Section: utils' 'Maintainer: The Runway developers'; do
    grep -q "^ $field" "$WORK/info" || fail "control: no '$field'"
done
depends="$(sed -n 's/^ Depends: //p' "$WORK/info")"
for pkg in libwebkit2gtk-4.1-0 libgtk-3-0 libc6; do
    grep -Eq "(^|, )$pkg( |,|$)" <<<"$depends" || fail "Depends lacks $pkg: $depends"
done

step "dpkg-deb --contents: the files a user gets"
dpkg-deb --contents "$DEB" | awk '{print $NF}' | sed -e 's|^\./||' -e 's|^|/|' >"$WORK/contents"
expected=(
    /usr/bin/runway /usr/bin/runway-app
    /usr/share/applications/Runway.desktop
    /usr/share/mime/packages/runway.xml
    /usr/share/metainfo/org.runway.desktop.metainfo.xml
    /usr/share/man/man1/runway.1.gz /usr/share/man/man1/runway-report.1.gz
    /usr/share/man/man1/runway-release-move.1.gz /usr/share/man/man1/runway-app.1.gz
    /usr/share/bash-completion/completions/runway
    /usr/share/zsh/vendor-completions/_runway
    /usr/share/fish/vendor_completions.d/runway.fish
    /usr/share/doc/runway/copyright /usr/share/doc/runway/changelog.gz
    /usr/share/doc/runway/LICENSE-DejaVu.txt /usr/share/doc/runway/third-party-licences.txt
)
for size in "${SIZES[@]}"; do expected+=("/usr/share/icons/hicolor/${size}x${size}/apps/runway-app.png"); done
for f in "${expected[@]}"; do grep -qx "$f" "$WORK/contents" || fail "the package lacks $f"; done
! grep -q '^/usr/share/man/man1/runway-generate-man' "$WORK/contents" ||
    fail "the hidden packaging subcommands got man pages"
say "  $(grep -c -v '/$' "$WORK/contents") files, $(grep -c '^/usr/share/man/man1/.*\.gz$' "$WORK/contents") man pages"

step "the files themselves: desktop-file-validate, appstreamcli, update-mime-database, icon sizes"
dpkg-deb -x "$DEB" "$WORK/root"
desktop-file-validate "$WORK/root/usr/share/applications/Runway.desktop" || fail "desktop-file-validate"
grep -qx "MimeType=$MIME;" "$WORK/root/usr/share/applications/Runway.desktop" || fail ".desktop: no MimeType=$MIME"
grep -qx 'Exec=runway-app %f' "$WORK/root/usr/share/applications/Runway.desktop" || fail ".desktop: Exec takes no file"
appstreamcli validate --no-net "$WORK/root/usr/share/metainfo/org.runway.desktop.metainfo.xml" ||
    fail "appstreamcli validate"
mkdir -p "$WORK/mime/packages"
cp "$WORK/root/usr/share/mime/packages/runway.xml" "$WORK/mime/packages/"
# (It also notes that the folder is not in XDG_DATA_DIRS: only its complaints about the XML count.)
update-mime-database "$WORK/mime" 2>"$WORK/mime.log" && ! grep -Eiq 'error|warning|unknown|invalid' "$WORK/mime.log" ||
    fail "update-mime-database: $(cat "$WORK/mime.log")"
for size in "${SIZES[@]}"; do
    file "$WORK/root/usr/share/icons/hicolor/${size}x${size}/apps/runway-app.png" | grep -q "$size x $size" ||
        fail "the ${size}x${size} icon is not $size x $size"
done

step "lintian"
lintian_args=(--fail-on error --tag-display-limit 0)
[ "$(id -u)" -ne 0 ] || lintian_args+=(--allow-root)
lintian "${lintian_args[@]}" "$DEB" | tee "$WORK/lintian" || fail "lintian reports errors"
say "  lintian: $(grep -c '^E:' "$WORK/lintian") errors, $(grep -c '^W:' "$WORK/lintian") warnings"

step "apt install ./$(basename "$DEB")"
as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 -y -q install "$DEB" >"$WORK/apt.log" 2>&1 ||
    {
        cat "$WORK/apt.log" >&2
        fail "apt install"
        exit 1
    }

step "runway --version, man, completions"
version="$(/usr/bin/runway --version)"
printf '%s\n' "$version" | sed 's/^/  /'
grep -q "^runway $VERSION$" <<<"$version" || fail "runway --version does not start with 'runway $VERSION'"
grep -q 'schema version [0-9]' <<<"$version" || fail "runway --version does not name the schema version"
grep -q 'DejaVu' <<<"$version" || fail "runway --version does not name the bundled font's licence"
man -w runway >/dev/null 2>&1 || [ ! -x /usr/bin/man ] || fail "man runway: no page"
bash -c 'source /usr/share/bash-completion/completions/runway && complete -p runway' >/dev/null ||
    fail "the bash completion does not load"

step "runway demo, then the .runway file type"
plans="$WORK/plans"
mkdir -p "$plans"
/usr/bin/runway demo --db "$plans/demo.runway" --today 2027-03-15 >/dev/null || fail "runway demo"
releases="$(/usr/bin/runway releases --db "$plans/demo.runway" | wc -l)"
[ "$releases" -gt 10 ] || fail "runway releases lists $releases lines"
cp "$plans/demo.runway" "$plans/renamed-plan"
# By name, and by the SQLite header's application id when the name says nothing.
/usr/bin/python3 - "$plans" "$MIME" <<'EOF' || fail "the file type is not recognised"
import sys
import gi
from gi.repository import Gio
plans, mime = sys.argv[1:]
for name in ("demo.runway", "renamed-plan"):
    info = Gio.File.new_for_path(f"{plans}/{name}").query_info("standard::content-type", 0, None)
    kind = info.get_content_type()
    print(f"package-test:   {name}: {kind}")
    assert kind == mime, f"{name} is {kind}, not {mime}"
app = Gio.AppInfo.get_default_for_type(mime, False)
print(f"package-test:   opens with: {app and app.get_id()}")
assert app is not None and app.get_id() == "Runway.desktop", "the file manager would not open it with Runway"
EOF

step "the installed app under Xvfb, until its window shows the demo plan"
home="$WORK/home"
mkdir -p "$home"
cat >"$WORK/launch.sh" <<'EOF'
#!/usr/bin/env bash
# Inside xvfb-run and a private D-Bus session: start the app on the plan, wait for its window.
plan="$1" log="$2"
runway-app "$plan" >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do
    if xwininfo -root -tree 2>/dev/null | grep -q '"demo.runway — Runway"'; then
        echo "window after $((SECONDS))s: $(xwininfo -root -tree | grep -o '"demo.runway — Runway".*' | head -1)"
        kill "$pid"
        wait "$pid" 2>/dev/null
        exit 0
    fi
    kill -0 "$pid" 2>/dev/null || { echo "runway-app exited"; exit 1; }
    sleep 0.5
done
kill "$pid"
echo "no window named 'demo.runway — Runway' within 60 s"
exit 1
EOF
chmod +x "$WORK/launch.sh"
env -u WAYLAND_DISPLAY HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config" \
    XDG_CACHE_HOME="$home/.cache" GDK_BACKEND=x11 NO_AT_BRIDGE=1 \
    xvfb-run -a dbus-run-session -- "$WORK/launch.sh" "$plans/demo.runway" "$WORK/app.log" 2>"$WORK/session.log" |
    sed 's/^/package-test:   /' || {
    sed 's/^/  app: /' "$WORK/app.log" "$WORK/session.log" >&2
    fail "the installed app did not show its window"
}
[ -f "$home/.local/share/org.runway.desktop/settings.json" ] || fail "the app kept no settings"

step "apt remove runway: the program goes, the user's plans and settings stay"
as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 -y -q remove runway >"$WORK/apt.log" 2>&1 ||
    fail "apt remove: $(cat "$WORK/apt.log")"
[ ! -e /usr/bin/runway ] && [ ! -e /usr/bin/runway-app ] || fail "the binaries are still installed"
[ ! -e /usr/share/mime/packages/runway.xml ] || fail "the MIME type is still installed"
[ -f "$plans/demo.runway" ] || fail "removing the package removed the user's plan"
[ -f "$home/.local/share/org.runway.desktop/settings.json" ] || fail "removing the package removed the settings"
step "done"

if [ "$failures" -gt 0 ]; then
    say "$failures check(s) failed"
    exit 1
fi
say "all checks passed"
