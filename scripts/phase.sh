#!/usr/bin/env bash
# phase.sh NAME COMMAND...: runs COMMAND as one named phase of a build, printing when it starts,
# how long it took and whether it failed, and exits with COMMAND's status.
# When RUNWAY_PHASE_LOG names a file, "NAME STATUS SECONDS" is appended to it (.ci/run's summary).
set -uo pipefail

[ "$#" -ge 2 ] || {
    echo "usage: phase.sh NAME COMMAND..." >&2
    exit 2
}
name="$1"
shift

start="$(date +%s)"
printf '\n==> [%s] %s: %s\n' "$(date +%H:%M:%S)" "$name" "$*"
"$@"
status=$?
secs=$(($(date +%s) - start))
took="$((secs / 60))m$(printf '%02d' $((secs % 60)))s"
if [ "$status" -eq 0 ]; then
    printf '<== %s: ok in %s\n' "$name" "$took"
else
    printf '<== %s: FAILED (exit %d) after %s\n' "$name" "$status" "$took" >&2
fi
if [ -n "${RUNWAY_PHASE_LOG:-}" ]; then
    printf '%s %s %s\n' "$name" "$status" "$secs" >>"$RUNWAY_PHASE_LOG"
fi
exit "$status"
