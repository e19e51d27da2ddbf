#!/usr/bin/env bash
# Whole-process benchmark of the CLI over a 5,000-release plan: `runway releases` (text and JSON),
# `runway status --json` (every release assessed against the policy), `runway schedule --json` (the
# dependency analysis of every milestone) and `runway export`, timed by
# hyperfine (process start to exit, output discarded) after a warm-up.
#
#   scripts/bench-cli.sh            uses $RUNWAY_CLI, else <target dir>/release/runway
#   RELEASES=5000 RUNS=30 WARMUP=3  the defaults; set them to change
#
# Needs hyperfine (scripts/deps.sh test) and the release CLI (make bench builds it).
set -euo pipefail

BENCH=bench-cli
# shellcheck source=scripts/bench-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
RELEASES="${RELEASES:-5000}"
RUNS="${RUNS:-30}"
WARMUP="${WARMUP:-3}"
plan="$work/plan$RELEASES.runway"
echo "\$ $CLI demo --db $plan --releases $RELEASES --force"
"$CLI" demo --db "$plan" --releases "$RELEASES" --force >/dev/null

# A smoke run first, so a broken command fails here with its message rather than inside hyperfine.
"$CLI" releases --db "$plan" >/dev/null || die "'runway releases --db PLAN' failed"
"$CLI" releases --db "$plan" --json >/dev/null || die "'runway releases --db PLAN --json' failed"
"$CLI" status --db "$plan" --json >/dev/null || die "'runway status --db PLAN --json' failed"
"$CLI" schedule --db "$plan" --json >/dev/null || die "'runway schedule --db PLAN --json' failed"

echo "cli $CLI, plan of $RELEASES releases ($(du -h "$plan" | cut -f1)), $(nproc) cores"
hyperfine --shell=none --warmup "$WARMUP" --runs "$RUNS" \
    --export-json "$work/cli.json" \
    --command-name "runway releases ($RELEASES)" "$CLI releases --db $plan" \
    --command-name "runway releases --json ($RELEASES)" "$CLI releases --db $plan --json" \
    --command-name "runway status --json ($RELEASES)" "$CLI status --db $plan --json" \
    --command-name "runway schedule --json ($RELEASES)" "$CLI schedule --db $plan --json" \
    --command-name "runway export ($RELEASES)" "$CLI export --db $plan --format json --out $work/export.json"

summarize "$work/cli.json"
