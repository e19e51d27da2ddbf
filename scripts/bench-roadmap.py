#!/usr/bin/env python3
"""Frame times of the roadmap while it scrolls, in the real app (issue 4's 60 fps target).

Makes a plan of --releases releases with the CLI, starts the debug app under a private Xvfb over
WebDriver (the end-to-end harness, RUNWAY_E2E=1), opens the plan, shows the roadmap at month zoom
and then, with the pointer over the chart, scrolls it from a script in the page, recording the time
between frames. Two runs: "down" moves three rows down per animation frame and stays at today's
dates, where the chart is densest; "diagonal" also moves a few days across every other frame. Prints
the median, 95th percentile and worst frame and the frames per second of each.

    scripts/bench-roadmap.py [--releases 5000] [--frames 600] [--app PATH] [--cli PATH]

Under Xvfb WebKit paints on the CPU of this machine (accelerated compositing is off): read the
figures as an upper bound for a laptop. Needs the e2e environment (scripts/deps.sh test) and the debug app and CLI (make e2e
builds them).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "e2e"))

from harness import App, TauriDriver, Xvfb  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

SCROLL = """
const [frames, across, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
const el = document.querySelector('[data-testid="roadmap-scroller"]');
if (!el) { done({error: 'no roadmap scroller'}); return; }
const times = [];
let last = null, n = 0;
function step(t) {
  if (last !== null) times.push(t - last);
  last = t;
  el.scrollTop += 84;
  if (across && n % 2 === 0) el.scrollLeft += 24;
  if (el.scrollTop + el.clientHeight >= el.scrollHeight - 2) el.scrollTop = 0;
  if (++n <= frames) requestAnimationFrame(step); else done({times, rows: el.scrollHeight});
}
requestAnimationFrame(step);
"""


def main() -> int:
    ap = argparse.ArgumentParser()
    target = Path(os.environ.get("CARGO_TARGET_DIR") or ROOT / "target")
    ap.add_argument("--releases", type=int, default=5000)
    ap.add_argument("--frames", type=int, default=600)
    ap.add_argument("--app", default=str(target / "debug" / "runway-app"))
    ap.add_argument("--cli", default=str(target / "debug" / "runway"))
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="runway-roadmap-"))
    plan = work / f"plan{args.releases}.runway"
    subprocess.run([args.cli, "demo", "--db", str(plan), "--releases", str(args.releases)], check=True,
                   stdout=subprocess.DEVNULL)
    x = Xvfb(work / "xvfb.log")
    env = dict(os.environ, DISPLAY=x.display, GDK_BACKEND="x11", NO_AT_BRIDGE="1", RUNWAY_E2E="1",
               XDG_DATA_HOME=str(work / "data"), XDG_CONFIG_HOME=str(work / "config"),
               XDG_CACHE_HOME=str(work / "cache"))
    server = TauriDriver(env, work / "tauri-driver.log")
    app = App(Path(args.app), server, work)
    try:
        app.start()
        result = app.invoke("open_plan_path", {"path": str(plan)})
        assert "ok" in result, result
        app.wait_ready()
        app.click("nav-roadmap")
        app.wait("roadmap-bar", "the roadmap's bars", timeout=120)
        app.click("roadmap-zoom-month")
        # Scrolling with the wheel or a touchpad: the pointer is over the chart.
        ActionChains(app.driver).move_to_element(app.driver.find_element(By.CSS_SELECTOR, '[data-testid="roadmap-scroller"]')).perform()
        app.driver.set_script_timeout(300)
        # Both runs start where the roadmap opens: today's releases, today a third across.
        start = app.driver.execute_script(
            'const e = document.querySelector(\'[data-testid="roadmap-scroller"]\'); return [e.scrollTop, e.scrollLeft];'
        )
        for name, across in (("down", False), ("diagonal", True)):
            app.driver.execute_script(
                'const e = document.querySelector(\'[data-testid="roadmap-scroller"]\'); [e.scrollTop, e.scrollLeft] = arguments[0];',
                start,
            )
            out = app.driver.execute_async_script(SCROLL, args.frames, across)
            if "error" in out:
                raise SystemExit(out["error"])
            times = sorted(out["times"])
            p = lambda q: times[min(len(times) - 1, int(q * len(times)))]  # noqa: E731
            mean = sum(times) / len(times)
            print(f"roadmap scroll {name}, {args.releases} releases, {len(times)} frames, month zoom")
            print(f"  frame time: median {p(0.5):.1f} ms, p95 {p(0.95):.1f} ms, worst {times[-1]:.1f} ms")
            print(f"  {1000 / mean:.0f} frames per second on average")
    finally:
        app.quit()
        server.close()
        x.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
