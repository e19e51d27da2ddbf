#!/usr/bin/env python3
"""The calendar's quarter opening in the real app (issue 15's "opens within 300 ms of the click").

Makes a demo plan of --releases releases with the CLI (today 2026-11-22), starts the debug app
under a private Xvfb over WebDriver (the end-to-end harness, RUNWAY_E2E=1, RUNWAY_TODAY pinned),
opens the plan, shows the Calendar in month mode on today's month, and then, --runs times, from a
script in the page: clicks Quarter and waits, frame by frame, until the grid shows the quarter's
13 or 14 weeks with the core's answer in it (the toolbar's "Loading…" gone) and one more frame has
been drawn; then clicks Month and waits the same way before the next run. The time is from the
click to that frame: the grid redrawn for the quarter, the core's `calendar_view` and
`list_windows` over IPC, and Svelte's update and WebKit's layout and paint of the grid with them
(and the view's settle delay, SETTLE_MS in lib/calendar/controller.svelte.ts, if it waited).

The app is the debug build (the one with the test-only commands), whose core is unoptimized: the
script also times `calendar_view` over the quarter's grid alone, called from the page, so the part
the core takes can be told apart (a release build's core answers in the time of
`cargo bench -p runway-core --bench calendar -- quarter`).

    scripts/bench-calendar-app.py [--releases 5000] [--runs 10] [--app PATH] [--cli PATH]

Under Xvfb WebKit paints on the CPU of this machine (accelerated compositing is off): read the
figures as an upper bound for a laptop. Needs the e2e environment (scripts/deps.sh test) and the
debug app and CLI (make e2e builds them).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "e2e"))

from harness import App, TauriDriver, Xvfb  # noqa: E402

TODAY = "2026-11-22"
# The grid of whole weeks the app shows for Q4 2026 (lib/calendar/period.ts).
QUARTER = ("2026-09-28", "2027-01-03")

# Clicks the mode button arguments[0] and answers the milliseconds until the grid shows that mode's
# days with the core's answer in it, and a frame after that has been drawn.
OPEN = """
const [mode, minDays, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
const q = (s) => document.querySelector(s);
const t0 = performance.now();
q(`[data-testid="calendar-mode-${mode}"]`).click();
const deadline = t0 + 30000;
// When the grid first had the mode's days (drawn from what the view held before), and when the
// core's answer arrived (the "Loading…" gone).
let grid = null;
function check() {
  const period = q('[data-testid="calendar-period"]');
  const loading = q('[data-testid="calendar"] .busy[role="status"]');
  const days = document.querySelectorAll('[data-testid="calendar-day"]').length;
  if (grid === null && period && period.dataset.mode === mode && days >= minDays) grid = performance.now() - t0;
  if (period && period.dataset.mode === mode && !loading && days >= minDays) {
    const loaded = performance.now() - t0;
    // The frame that shows it: the next animation frame runs after it has been laid out.
    requestAnimationFrame(() => done({ms: performance.now() - t0, grid, loaded, days,
      events: document.querySelectorAll('[data-testid="calendar-event"]').length}));
    return;
  }
  if (performance.now() > deadline) { done({error: `no ${mode} after 30 s: ${days} days, loading ${!!loading}`}); return; }
  requestAnimationFrame(check);
}
requestAnimationFrame(check);
"""

# The core's calendar of the quarter's grid over IPC alone, timed in the page.
CORE = """
const [from, to, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
const t0 = performance.now();
Promise.all([window.__TAURI_INTERNALS__.invoke('calendar_view', {from, to}),
             window.__TAURI_INTERNALS__.invoke('list_windows', {})])
  .then(() => done({ms: performance.now() - t0}), (e) => done({error: JSON.stringify(e)}));
"""


def summary(name: str, times: list[float]) -> None:
    times = sorted(times)
    print(f"{name}: median {statistics.median(times):.0f} ms, min {times[0]:.0f}, max {times[-1]:.0f} ({len(times)} runs)")


def main() -> int:
    ap = argparse.ArgumentParser()
    target = Path(os.environ.get("CARGO_TARGET_DIR") or ROOT / "target")
    ap.add_argument("--releases", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--app", default=str(target / "debug" / "runway-app"))
    ap.add_argument("--cli", default=str(target / "debug" / "runway"))
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="runway-calendar-"))
    plan = work / f"plan{args.releases}.runway"
    subprocess.run([args.cli, "demo", "--db", str(plan), "--releases", str(args.releases), "--today", TODAY],
                   check=True, stdout=subprocess.DEVNULL)
    x = Xvfb(work / "xvfb.log")
    env = dict(os.environ, DISPLAY=x.display, GDK_BACKEND="x11", NO_AT_BRIDGE="1", RUNWAY_E2E="1",
               RUNWAY_TODAY=TODAY, XDG_DATA_HOME=str(work / "data"), XDG_CONFIG_HOME=str(work / "config"),
               XDG_CACHE_HOME=str(work / "cache"))
    server = TauriDriver(env, work / "tauri-driver.log")
    app = App(Path(args.app), server, work)
    try:
        app.start()
        result = app.invoke("open_plan_path", {"path": str(plan)})
        assert "ok" in result, result
        app.wait_ready()
        app.click("nav-calendar")
        app.wait("calendar-grid", "the calendar's grid", timeout=120)
        app.click("calendar-today")
        app.driver.set_script_timeout(60)
        month = app.driver.execute_async_script(OPEN, "month", 28)
        assert "error" not in month, month
        opened, grids, loaded, core, events = [], [], [], [], 0
        for _ in range(args.runs):
            q = app.driver.execute_async_script(OPEN, "quarter", 13 * 7)
            if "error" in q:
                raise SystemExit(q["error"])
            opened.append(q["ms"])
            grids.append(q["grid"])
            loaded.append(q["loaded"])
            events = q["events"]
            back = app.driver.execute_async_script(OPEN, "month", 28)
            if "error" in back:
                raise SystemExit(back["error"])
            c = app.driver.execute_async_script(CORE, *QUARTER)
            if "error" in c:
                raise SystemExit(c["error"])
            core.append(c["ms"])
        print(f"calendar, {args.releases} releases, Q4 2026 ({QUARTER[0]} to {QUARTER[1]}), {events} events drawn, debug app under Xvfb")
        summary("  click on Quarter to the quarter drawn", opened)
        summary("  click to the grid's 13 weeks first in the page (before the core's answer)", grids)
        summary("  click to the core's answer in the page (before its frame is drawn)", loaded)
        summary("  of which the core over IPC (calendar_view + list_windows, debug build)", core)
    finally:
        app.quit()
        server.close()
        x.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
