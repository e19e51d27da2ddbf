#!/usr/bin/env bash
# Whole-process benchmark of the forward schedule of changes (issue 15) over the 5,000-release demo:
# `runway conflicts --json` (every conflict from today on: the plan read, the windows expanded, the
# detection, the JSON), the same as text, the conflicts over two years (a year back, a year ahead),
# the next free slots of one release, a quarter of the calendar view (three months from today, and
# the app's Q4 2026: its grid of whole weeks, 2026-09-28 to 2027-01-03), and the `.ics` export of
# the whole forward schedule; timed by hyperfine (process start to exit, output discarded) after a
# warm-up. Targets: `runway conflicts --json` within 500 ms, the `.ics` export within 500 ms.
#
#   scripts/bench-calendar.sh           uses $RUNWAY_CLI, else <target dir>/release/runway
#   RELEASES=5000 RUNS=20 WARMUP=3      the defaults; set them to change
#
# Needs hyperfine (scripts/deps.sh test) and the release CLI (cargo build --release -p runway-cli).
set -euo pipefail

BENCH=bench-calendar
# shellcheck source=scripts/bench-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
RELEASES="${RELEASES:-5000}"
RUNS="${RUNS:-20}"
WARMUP="${WARMUP:-3}"
TODAY=2026-11-22
plan="$work/plan$RELEASES.runway"
echo "\$ $CLI demo --db $plan --releases $RELEASES --today $TODAY --force"
"$CLI" demo --db "$plan" --releases "$RELEASES" --today "$TODAY" --force >/dev/null

# A release the slot search may move: the first approved one that is not an emergency (a planned
# release, whose production deployment goes into a green zone).
key="$("$CLI" releases --db "$plan" --json | python3 -c '
import json, sys
print(next(r["key"] for r in json.load(sys.stdin) if r["status"] == "approved" and r["kind"] != "emergency"))')"

# Smoke runs first, so a broken command fails here with its message rather than inside hyperfine.
conflicts="$("$CLI" conflicts --db "$plan" --today "$TODAY" | tail -n 1)" || die "'runway conflicts' failed"
"$CLI" conflicts --db "$plan" --today "$TODAY" --json >/dev/null || die "'runway conflicts --json' failed"
"$CLI" slots --db "$plan" "$key" --today "$TODAY" >/dev/null || die "'runway slots' failed"
"$CLI" calendar --db "$plan" --from 2026-11-22 --to 2027-02-21 --json >/dev/null || die "'runway calendar --json' failed"
ics="$("$CLI" calendar --db "$plan" --today "$TODAY" --ics "$work/plan.ics")" || die "'runway calendar --ics' failed"

echo "cli $CLI, plan of $RELEASES releases ($(du -h "$plan" | cut -f1)), $(nproc) cores; $conflicts; slots of $key"
echo "$ics ($(du -h "$work/plan.ics" | cut -f1))"
hyperfine --shell=none --warmup "$WARMUP" --runs "$RUNS" \
    --export-json "$work/calendar.json" \
    --command-name "runway conflicts --json ($RELEASES)" "$CLI conflicts --db $plan --today $TODAY --json" \
    --command-name "runway conflicts ($RELEASES)" "$CLI conflicts --db $plan --today $TODAY" \
    --command-name "runway conflicts, two years --json ($RELEASES)" \
    "$CLI conflicts --db $plan --today $TODAY --from 2025-11-22 --to 2027-11-22 --json" \
    --command-name "runway slots $key ($RELEASES)" "$CLI slots --db $plan $key --today $TODAY" \
    --command-name "runway calendar, a quarter --json ($RELEASES)" \
    "$CLI calendar --db $plan --from 2026-11-22 --to 2027-02-21 --json" \
    --command-name "runway calendar, the app's Q4 2026 --json ($RELEASES)" \
    "$CLI calendar --db $plan --today $TODAY --from 2026-09-28 --to 2027-01-03 --json" \
    --command-name "runway calendar --ics, the whole schedule ($RELEASES)" \
    "$CLI calendar --db $plan --today $TODAY --ics $work/plan.ics"

summarize "$work/calendar.json"
