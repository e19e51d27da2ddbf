#!/usr/bin/env python3
"""Frame times of the roadmap while it scrolls, in the real app (issue 4's 60 fps target).

Makes a plan of --releases releases with the CLI, starts the debug app under a private Xvfb over
WebDriver (the end-to-end harness, RUNWAY_E2E=1), opens the plan, shows the roadmap at month zoom
and then, with the pointer over the chart, scrolls it from a script in the page, recording the time
between frames and the CPU time the WebKit web process (where the page is laid out and painted)
spends per frame. Each run starts where the roadmap opens (today's releases, where the chart is
densest):

  wheel      12 px down per frame (720 px/s: a mouse wheel turned steadily)
  brisk      32 px, a row, per frame (1,900 px/s: a touchpad swipe)
  fling      84 px per frame (5,000 px/s: a fast fling)
  diagonal   the fling, plus 24 px across every other frame
  floor      not the roadmap: a plain page of text rows of the chart's size, in its place (the chart
             hidden), scrolled as the wheel run; what WebKit needs to repaint that much of the
             window each frame
  floorfling the same plain page, scrolled as the fling run

Prints the median, 95th percentile and worst frame, the frames per second and the web process's
CPU milliseconds per frame of each.

    scripts/bench-roadmap.py [--releases 5000] [--frames 600] [--app PATH] [--cli PATH] [--only NAME,...]
                             [--css RULE ...] [--trace]

--css adds a CSS rule to the page before the runs (repeatable), to see what a part of the chart
costs by hiding it, e.g. --css '.actual { display: none }'. (The app's content security policy
drops a <style> element added by a script: the rules go in through the CSSOM.)

--trace also logs each frame from the page: the script's time in it (animation frame callbacks
and the microtasks they queue), the canvases given a new size, and whether the links' canvas was
painted; it prints their means, and the frame times of the steps that painted the links apart from
the others. The logging costs a little itself: compare traced runs with traced runs.

Under Xvfb WebKit paints on the CPU of this machine (accelerated compositing is off): read the
figures as an upper bound for a laptop. Needs the e2e environment (scripts/deps.sh test) and the
debug app and CLI (make e2e builds them).
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

# name: (px down per frame, px across every other frame, a plain page instead of the roadmap)
RUNS = {
    "wheel": (12, 0, False),
    "brisk": (32, 0, False),
    "fling": (84, 0, False),
    "diagonal": (84, 24, False),
    "floor": (12, 0, True),
    "floorfling": (84, 0, True),
}


def web_processes(marker: str) -> list[int]:
    """The WebKit web processes started with `marker` in their environment (this run's XDG dirs)."""
    pids = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            if (d / "comm").read_text().strip() == "WebKitWebProces" and marker.encode() in (d / "environ").read_bytes():
                pids.append(int(d.name))
        except OSError:
            pass
    return pids


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU time of the processes so far."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total / os.sysconf("SC_CLK_TCK")

# Installed once in the page with --trace: counts, for the frame under way (window.__frame), the
# script's time, the canvases sized and whether the links' canvas was cleared (painted).
TRACE = """
if (window.__traced) return;
window.__traced = true;
window.__frame = {script: 0, sized: 0, links: 0};
const raf = window.requestAnimationFrame.bind(window);
window.requestAnimationFrame = (cb) => raf((t) => {
  const t0 = performance.now();
  cb(t);
  // After the microtasks the callback queued (Svelte's flush among them).
  Promise.resolve().then(() => Promise.resolve()).then(() => Promise.resolve()).then(() => { window.__frame.script += performance.now() - t0; });
});
for (const prop of ['width', 'height']) {
  const d = Object.getOwnPropertyDescriptor(HTMLCanvasElement.prototype, prop);
  Object.defineProperty(HTMLCanvasElement.prototype, prop, {
    get() { return d.get.call(this); },
    set(v) { if (prop === 'width') window.__frame.sized++; d.set.call(this, v); },
    configurable: true,
  });
}
const clear = CanvasRenderingContext2D.prototype.clearRect;
CanvasRenderingContext2D.prototype.clearRect = function (...a) {
  if (this.canvas.dataset.testid === 'roadmap-links') window.__frame.links = 1;
  return clear.apply(this, a);
};
"""

SCROLL = """
const [frames, down, across, floor, done] = [arguments[0], arguments[1], arguments[2], arguments[3], arguments[arguments.length - 1]];
let el = document.querySelector('[data-testid="roadmap-scroller"]');
if (!el) { done({error: 'no roadmap scroller'}); return; }
const chart = el;
if (floor) {
  // A plain scroller over the chart, of its size: text rows, no sticky parts, no script per step.
  // The chart under it is hidden: WebKit would otherwise paint it too at every step, beneath.
  const r = el.getBoundingClientRect();
  chart.style.visibility = 'hidden';
  const page = document.createElement('div');
  page.style.cssText = `position:fixed;left:${r.left}px;top:${r.top}px;width:${r.width}px;height:${r.height}px;overflow:auto;z-index:99;background:white`;
  for (let i = 0; i < 3000; i++) {
    const row = document.createElement('div');
    row.style.cssText = 'height:31px;border-bottom:1px solid #ddd;white-space:nowrap';
    row.textContent = `Row ${i}: a line of text about as long as a release's label and its bars`;
    page.appendChild(row);
  }
  document.body.appendChild(page);
  el = page;
}
const times = [], log = [];
let last = null, n = 0;
function step(t) {
  if (last !== null) {
    times.push(t - last);
    if (window.__frame) log.push([t - last, window.__frame.script, window.__frame.sized, window.__frame.links]);
  }
  if (window.__frame) window.__frame = {script: 0, sized: 0, links: 0};
  last = t;
  el.scrollTop += down;
  if (across && n % 2 === 0) el.scrollLeft += across;
  if (el.scrollTop + el.clientHeight >= el.scrollHeight - 2) el.scrollTop = 0;
  if (++n <= frames) requestAnimationFrame(step);
  else { if (floor) { el.remove(); chart.style.visibility = ''; } done({times, log}); }
}
requestAnimationFrame(step);
"""


def print_trace(log: list[list[float]]) -> None:
    """The means of a traced run's frames: [time between frames, script ms, canvases sized, links painted]."""
    mean = lambda rows, i: sum(r[i] for r in rows) / len(rows)  # noqa: E731
    print(f"  traced: script {mean(log, 1):.1f} ms a frame, {mean(log, 2):.2f} canvases sized a frame")
    painted = [r for r in log if r[3]]
    rest = [r for r in log if not r[3]]
    if painted and rest:
        print(f"  links painted in {len(painted)} of {len(log)} frames: those {mean(painted, 0):.1f} ms apart "
              f"(script {mean(painted, 1):.1f} ms), the others {mean(rest, 0):.1f} ms (script {mean(rest, 1):.1f} ms)")
    else:
        print(f"  links painted in {len(painted)} of {len(log)} frames")


def main() -> int:
    ap = argparse.ArgumentParser()
    target = Path(os.environ.get("CARGO_TARGET_DIR") or ROOT / "target")
    ap.add_argument("--releases", type=int, default=5000)
    ap.add_argument("--frames", type=int, default=600)
    ap.add_argument("--app", default=str(target / "debug" / "runway-app"))
    ap.add_argument("--cli", default=str(target / "debug" / "runway"))
    ap.add_argument("--only", default=",".join(RUNS), help="the runs to make, comma-separated")
    ap.add_argument("--css", action="append", default=[], help="a CSS rule to add before the runs (repeatable)")
    ap.add_argument("--trace", action="store_true", help="log each frame's script time, canvases sized and links painted")
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
        for rule in args.css:
            app.driver.execute_script(
                "const s = document.styleSheets[0]; s.insertRule(arguments[0], s.cssRules.length);", rule
            )
        if args.trace:
            app.driver.execute_script(TRACE)
        web = web_processes(str(work / "data"))
        for name in args.only.split(","):
            down, across, floor = RUNS[name]
            app.driver.execute_script(
                'const e = document.querySelector(\'[data-testid="roadmap-scroller"]\'); [e.scrollTop, e.scrollLeft] = arguments[0];',
                start,
            )
            cpu0 = cpu_seconds(web)
            out = app.driver.execute_async_script(SCROLL, args.frames, down, across, floor)
            cpu = cpu_seconds(web) - cpu0
            if "error" in out:
                raise SystemExit(out["error"])
            times = sorted(out["times"])
            p = lambda q: times[min(len(times) - 1, int(q * len(times)))]  # noqa: E731
            mean = sum(times) / len(times)
            print(f"roadmap scroll {name} ({down} px/frame), {args.releases} releases, {len(times)} frames, month zoom")
            print(f"  frame time: median {p(0.5):.1f} ms, p95 {p(0.95):.1f} ms, worst {times[-1]:.1f} ms")
            print(f"  {1000 / mean:.0f} frames per second on average; web process CPU {1000 * cpu / len(times):.1f} ms per frame")
            if args.trace and out["log"]:
                print_trace(out["log"])
    finally:
        app.quit()
        server.close()
        x.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
