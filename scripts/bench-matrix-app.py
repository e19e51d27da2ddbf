#!/usr/bin/env python3
"""The Matrix view opening in the real app (issue 16's "the matrix view opens ≤ 200 ms").

Makes a demo plan of --releases releases with the CLI (today 2026-11-22), starts the debug app
under a private Xvfb over WebDriver (the end-to-end harness, RUNWAY_E2E=1, RUNWAY_TODAY pinned),
opens the plan, shows the Dashboard, and then, --runs times, from a script in the page: clicks the
sidebar's Matrix item and waits, frame by frame, until the grid shows every cell of the matrix
(the demo's 9 activities × 9 roles), the holders under every role's header and the rules' badge,
and one more frame has been drawn; then clicks Dashboard and waits for its figures before the
next run. Each click mounts the view afresh (App.svelte shows one view at a time), so every run is
a whole open: the view's shell and People panel, the core's `matrix_view` over IPC (the one call
the view makes when it opens, lib/matrix/controller.svelte.ts), and Svelte's update and WebKit's
layout and paint of the grid with it. The first open of the session (code not yet run by the
page's JIT) is reported apart.

The app is the debug build (the one with the test-only commands), whose core is unoptimized: the
script also times `matrix_view` for the portfolio, and `list_people` (which the app asks with it
when a plan opens and after an edit of people, not when the view opens), each alone over IPC from
the page, so the part the core takes can be told apart (a release build's core answers in the time
of `cargo bench -p runway-core --bench matrix -- "matrix view"`).

    scripts/bench-matrix-app.py [--releases 5000] [--runs 10] [--app PATH] [--cli PATH]

Under Xvfb WebKit paints on the CPU of this machine (accelerated compositing is off), and the page
sees a frame drawn only when the next one starts, so the times to the grid drawn are rounded up to
the frames (about 16.7 ms apart): read the figures as an upper bound for a laptop. Needs the e2e environment
(scripts/deps.sh test) and the debug app and CLI (make e2e builds them).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "e2e"))

from harness import App, TauriDriver, Xvfb  # noqa: E402

TODAY = "2026-11-22"

# Clicks the sidebar's Matrix item and answers the milliseconds until the grid shows all
# arguments[0] cells, arguments[1] role headers with arguments[2] names (or "nobody") under them
# and the badge, and a frame after that has been drawn. The grid is checked when the page's DOM
# changes (a MutationObserver: the moment Svelte has inserted it) and at every frame (the deadline).
OPEN_MATRIX = """
const [cells, roles, names, done] = [arguments[0], arguments[1], arguments[2], arguments[arguments.length - 1]];
const q = (s) => document.querySelector(s);
const all = (s) => document.querySelectorAll(s);
performance.clearResourceTimings();
let shell = null, loaded = null, finished = false, observer = null;
function complete() {
  const root = q('[data-testid="matrix"]');
  if (!root) return false;
  if (shell === null) shell = performance.now() - t0;
  return all('[data-testid="matrix-cell"]').length === cells
    && all('[data-testid="matrix-holders"]').length === roles
    && all('[data-testid="matrix-holders"] .holder, [data-testid="matrix-holders"] .nobody').length === names
    && !!q('[data-testid="matrix-valid"], [data-testid="matrix-invalid"]');
}
function finish(framesToWait) {
  finished = true;
  observer.disconnect();
  loaded = performance.now() - t0;
  // The frame that shows it: a frame's animation callbacks run before its layout and paint, so
  // the grid is drawn once the next frame's callbacks run after the one that can first paint it.
  const end = () => {
    // The view's own IPC call, when the IPC goes over the ipc:// protocol (resource timing sees it;
    // not when it goes by postMessage, as in WebKitGTK here).
    const ipc = performance.getEntriesByType('resource').filter((e) => e.name.includes('matrix_view'));
    done({ms: performance.now() - t0, shell, loaded,
          cells: all('[data-testid="matrix-cell"]').length,
          ipc: ipc.length ? ipc[ipc.length - 1].duration : null});
  };
  if (framesToWait === 2) requestAnimationFrame(() => requestAnimationFrame(end));
  else requestAnimationFrame(end);
}
observer = new MutationObserver(() => { if (!finished && complete()) finish(2); });
observer.observe(document.body, {childList: true, subtree: true, attributes: true, characterData: true});
const t0 = performance.now();
q('[data-testid="nav-matrix"]').click();
const deadline = t0 + 30000;
function check() {
  if (finished) return;
  if (complete()) { finish(1); return; }
  if (performance.now() > deadline) {
    finished = true;
    observer.disconnect();
    done({error: `no complete matrix after 30 s: ${all('[data-testid="matrix-cell"]').length} of ${cells} cells, `
      + `${all('[data-testid="matrix-holders"] .holder, [data-testid="matrix-holders"] .nobody').length} of ${names} names`});
    return;
  }
  requestAnimationFrame(check);
}
requestAnimationFrame(check);
"""

# Clicks Dashboard and answers once its figures are shown (and a frame drawn) and the matrix gone.
OPEN_DASHBOARD = """
const done = arguments[arguments.length - 1];
const q = (s) => document.querySelector(s);
const t0 = performance.now();
q('[data-testid="nav-dashboard"]').click();
function check() {
  if (q('[data-testid="dash-stages"]') && !q('[data-testid="matrix"]')) {
    requestAnimationFrame(() => done({ms: performance.now() - t0}));
    return;
  }
  if (performance.now() - t0 > 30000) { done({error: 'no dashboard after 30 s'}); return; }
  requestAnimationFrame(check);
}
requestAnimationFrame(check);
"""

# One core command over IPC alone, timed in the page.
CORE = """
const [cmd, args, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
const t0 = performance.now();
window.__TAURI_INTERNALS__.invoke(cmd, args)
  .then(() => done({ms: performance.now() - t0}), (e) => done({error: JSON.stringify(e)}));
"""


def summary(name: str, times: list[float]) -> None:
    times = sorted(times)
    print(f"{name}: median {statistics.median(times):.0f} ms, min {times[0]:.0f}, max {times[-1]:.0f} ({len(times)} runs)")


def call(app: App, script: str, *args):
    answer = app.driver.execute_async_script(script, *args)
    if "error" in answer:
        raise SystemExit(answer["error"])
    return answer


def main() -> int:
    ap = argparse.ArgumentParser()
    target = Path(os.environ.get("CARGO_TARGET_DIR") or ROOT / "target")
    ap.add_argument("--releases", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--app", default=str(target / "debug" / "runway-app"))
    ap.add_argument("--cli", default=str(target / "debug" / "runway"))
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="runway-matrix-"))
    plan = work / f"plan{args.releases}.runway"
    subprocess.run([args.cli, "demo", "--db", str(plan), "--releases", str(args.releases), "--today", TODAY],
                   check=True, stdout=subprocess.DEVNULL)
    x = Xvfb(work / "xvfb.log")
    env = dict(os.environ, DISPLAY=x.display, GDK_BACKEND="x11", NO_AT_BRIDGE="1", RUNWAY_E2E="1",
               RUNWAY_TODAY=TODAY, XDG_DATA_HOME=str(work / "data"), XDG_CONFIG_HOME=str(work / "config"),
               XDG_CACHE_HOME=str(work / "cache"))
    server = TauriDriver(env, work / "tauri-driver.log")
    app = App(Path(args.app), server, work)
    ok = False
    try:
        app.start()
        result = app.invoke("open_plan_path", {"path": str(plan)})
        assert "ok" in result, result
        app.wait_ready()
        app.driver.set_script_timeout(60)

        # What the grid must show: the portfolio's matrix as the core has it.
        view = app.invoke("matrix_view", {"release": None})["ok"]
        roles = view["matrix"]["roles"]
        activities = view["matrix"]["activities"]
        cells = len(activities) * len(roles)
        held = {h["role"]: len(h["people"]) for h in view["holders"]}
        # MatrixGrid names the first two holders of a role (the rest as "+N more"), or "nobody".
        names = sum(max(1, min(2, held.get(r["key"], 0))) for r in roles)

        call(app, OPEN_DASHBOARD)
        time.sleep(0.5)
        first = call(app, OPEN_MATRIX, cells, len(roles), names)
        call(app, OPEN_DASHBOARD)
        opened, shells, loaded, ipc, core, people, dashboard = [], [], [], [], [], [], []
        for _ in range(args.runs):
            time.sleep(0.5)  # the app idle, as when a person clicks
            m = call(app, OPEN_MATRIX, cells, len(roles), names)
            opened.append(m["ms"])
            shells.append(m["shell"])
            loaded.append(m["loaded"])
            if m["ipc"] is not None:
                ipc.append(m["ipc"])
            dashboard.append(call(app, OPEN_DASHBOARD)["ms"])
            time.sleep(0.5)
            core.append(call(app, CORE, "matrix_view", {"release": None})["ms"])
            people.append(call(app, CORE, "list_people", {})["ms"])

        print(f"matrix, {args.releases} releases, the portfolio's {len(activities)} activities × {len(roles)} roles "
              f"({cells} cells, {names} names under the headers), debug app under Xvfb")
        print(f"  first open of the session (cold page code): {first['ms']:.0f} ms (the grid in the page at {first['loaded']:.0f} ms)")
        summary("  click on Matrix to the whole grid drawn", opened)
        summary("  click to the view's shell in the page (before the core's answer)", shells)
        summary("  click to the whole grid in the page (before its frame is drawn)", loaded)
        if ipc:
            summary("  the view's own matrix_view call (resource timing)", ipc)
        summary("  the core over IPC alone: matrix_view (portfolio, debug build)", core)
        summary("  the core over IPC alone: list_people (not asked by the view's open; debug build)", people)
        summary("  (click on Dashboard to its figures drawn, between runs)", dashboard)
        ok = True
    finally:
        app.quit()
        server.close()
        x.close()
        # The plan (about 90 MB at 5,000 releases) goes; the logs stay when something failed.
        if ok:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"logs in {work}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
