# Shared by the whole-process benchmarks (scripts/bench-cli.sh, scripts/bench-reports.sh): source
# it after setting BENCH (the script's name for messages). It finds the release CLI ($RUNWAY_CLI,
# else <target dir>/release/runway), checks hyperfine, makes $work (removed on exit), and gives
# die and summarize (the mean of each command from hyperfine's JSON).

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="${CARGO_TARGET_DIR:-$ROOT/target}"
case "$target" in /*) ;; *) target="$ROOT/$target" ;; esac
CLI="${RUNWAY_CLI:-$target/release/runway}"

die() {
    echo "$BENCH: ERROR: $*" >&2
    exit 1
}
command -v hyperfine >/dev/null || die "hyperfine not found: scripts/deps.sh test installs it"
[ -x "$CLI" ] || die "$CLI is not built: cargo build --release -p runway-cli (make bench does)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# summarize FILE.json: one line per command, mean ± stddev (min, max, runs).
summarize() {
    echo
    python3 - "$1" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"{r['command']:<40} mean {r['mean'] * 1000:8.1f} ms  ± {r['stddev'] * 1000:.1f} ms"
          f"  (min {r['min'] * 1000:.1f}, max {r['max'] * 1000:.1f}, {len(r['times'])} runs)")
PY
}
