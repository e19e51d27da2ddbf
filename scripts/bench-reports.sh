#!/usr/bin/env bash
# Whole-process benchmark of the PDF reports over a 1,000-release plan (issue 5's sizes): the
# quarterly PMO report, the roadmap poster tiled on A3 landscape and fitted to one page, timed by
# hyperfine (process start to exit: open the plan, compute the model, lay out, write the PDF).
#
#   scripts/bench-reports.sh        uses $RUNWAY_CLI, else <target dir>/release/runway
#   RELEASES=1000 RUNS=20 WARMUP=2  the defaults; set them to change
#
# Needs hyperfine and pdfinfo (scripts/deps.sh test) and the release CLI (make bench builds it).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="${CARGO_TARGET_DIR:-$ROOT/target}"
case "$target" in /*) ;; *) target="$ROOT/$target" ;; esac
CLI="${RUNWAY_CLI:-$target/release/runway}"
RELEASES="${RELEASES:-1000}"
RUNS="${RUNS:-20}"
WARMUP="${WARMUP:-2}"

die() {
    echo "bench-reports: ERROR: $*" >&2
    exit 1
}
command -v hyperfine >/dev/null || die "hyperfine not found: scripts/deps.sh test installs it"
[ -x "$CLI" ] || die "$CLI is not built: cargo build --release -p runway-cli (make bench does)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
plan="$work/plan$RELEASES.runway"
"$CLI" demo --db "$plan" --releases "$RELEASES" --force >/dev/null
at="--generated-at 2026-01-01T00:00:00Z"
quarterly="$CLI report quarterly --db $plan $at --out $work/pmo.pdf"
poster="$CLI report poster --db $plan --paper a3 --landscape $at --out $work/poster.pdf"
fitted="$CLI report poster --db $plan --paper a3 --landscape --fit-one-page $at --out $work/poster1.pdf"
for c in "$quarterly" "$poster" "$fitted"; do
    echo "\$ $c"
    $c || die "the command above failed"
done
pages() { pdfinfo "$1" | awk '/^Pages:/ {print $2}'; }
echo "plan of $RELEASES releases; PMO report $(pages "$work/pmo.pdf") pages ($(du -h "$work/pmo.pdf" | cut -f1)), poster $(pages "$work/poster.pdf") pages ($(du -h "$work/poster.pdf" | cut -f1)), $(nproc) cores"
hyperfine --shell=none --warmup "$WARMUP" --runs "$RUNS" --export-json "$work/reports.json" \
    --command-name "quarterly PMO report ($RELEASES)" "$quarterly" \
    --command-name "roadmap poster, A3 tiles ($RELEASES)" "$poster" \
    --command-name "roadmap poster, one A3 page ($RELEASES)" "$fitted"
echo
python3 - "$work/reports.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"{r['command']:<40} mean {r['mean'] * 1000:8.1f} ms  ± {r['stddev'] * 1000:.1f} ms"
          f"  (min {r['min'] * 1000:.1f}, max {r['max'] * 1000:.1f}, {len(r['times'])} runs)")
PY
