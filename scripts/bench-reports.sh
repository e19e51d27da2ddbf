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

BENCH=bench-reports
# shellcheck source=scripts/bench-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
RELEASES="${RELEASES:-1000}"
RUNS="${RUNS:-20}"
WARMUP="${WARMUP:-2}"
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
summarize "$work/reports.json"
