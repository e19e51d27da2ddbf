#!/usr/bin/env python3
"""Whole-process benchmark of the desktop app: launch-to-interactive time and memory (PSS).

For a 5,000-release plan and a 40-release demo plan (both made with the CLI), it starts the release
app binary under a private Xvfb with the plan as argument, RUNWAY_READY_PROBE=1 and a fresh
XDG_DATA_HOME, and reads the app's own "runway: ready <ms> ms" line (milliseconds from process
start until the release list is drawn). After the app settles it sums the proportional set size
(Pss in /proc/<pid>/smaps_rollup) of the app and every process below it (WebKitWebProcess,
WebKitNetworkProcess, ...), so memory shared between them is counted once. Each plan is measured
--runs times; the medians are the figures for docs/benchmarks.md.

    scripts/bench-app.py [--app PATH] [--cli PATH] [--runs 5] [--settle 5] [--json FILE]

Needs Xvfb (scripts/deps.sh test) and the release binaries (make bench builds them).
Standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
READY = re.compile(r"runway: ready (\d+(?:\.\d+)?) ms")


def target_dir() -> Path:
    t = Path(os.environ.get("CARGO_TARGET_DIR") or "target")
    return t if t.is_absolute() else ROOT / t


def die(msg: str) -> None:
    print(f"bench-app: ERROR: {msg}", file=sys.stderr)
    sys.exit(1)


# --- processes ------------------------------------------------------------------------------------


def descendants(pid: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def pss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def name_of(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return "?"


def stop_group(proc: subprocess.Popen) -> None:
    """Ends the process group we started (the app and the WebKit processes it spawned)."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(5)
        except ProcessLookupError:
            pass


class Xvfb:
    def __init__(self):
        r, w = os.pipe()
        self.proc = subprocess.Popen(
            ["Xvfb", "-displayfd", str(w), "-screen", "0", "1600x1000x24", "-nolisten", "tcp", "-ac"],
            pass_fds=(w,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        os.close(w)
        with os.fdopen(r, "rb") as pipe:
            number = pipe.readline().decode().strip()
        if not number:
            stop_group(self.proc)
            die("Xvfb did not start")
        self.display = f":{number}"

    def close(self) -> None:
        stop_group(self.proc)


# --- one launch -----------------------------------------------------------------------------------


def launch(app: Path, plan: Path, display: str, settle: float, timeout: float) -> dict:
    home = Path(tempfile.mkdtemp(prefix="runway-bench-"))
    env = dict(os.environ)
    env.pop("WAYLAND_DISPLAY", None)
    env.pop("RUNWAY_E2E", None)
    env.update(
        DISPLAY=display,
        GDK_BACKEND="x11",
        NO_AT_BRIDGE="1",
        RUNWAY_READY_PROBE="1",
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_STATE_HOME=str(home / "state"),
    )
    proc = subprocess.Popen(
        [str(app), str(plan)],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    ready: list[float] = []
    log: list[str] = []
    seen = threading.Event()

    def read_stderr():
        for raw in proc.stderr:
            line = raw.decode(errors="replace").rstrip()
            log.append(line)
            m = READY.search(line)
            if m and not ready:
                ready.append(float(m.group(1)))
                seen.set()
        seen.set()  # stderr closed: the app ended

    reader = threading.Thread(target=read_stderr, daemon=True)
    reader.start()
    try:
        if not seen.wait(timeout) or not ready:
            tail = "\n  ".join(log[-15:]) or "(nothing)"
            state = (
                f"exited with {proc.poll()}"
                if proc.poll() is not None
                else f'no "runway: ready" line in {timeout:.0f} s (does the UI call ui_ready once the list is drawn?)'
            )
            die(f"{app.name} {plan.name}: {state}; its stderr:\n  {tail}")
        time.sleep(settle)
        if proc.poll() is not None:
            die(f"{app.name} exited ({proc.returncode}) while settling")
        pids = [proc.pid, *descendants(proc.pid)]
        parts = {pid: pss_kib(pid) for pid in pids}
        return {
            "ready_ms": ready[0],
            "pss_mib": sum(parts.values()) / 1024,
            "processes": {f"{name_of(p)}[{p}]": round(k / 1024, 1) for p, k in parts.items()},
        }
    finally:
        stop_group(proc)
        reader.join(5)
        shutil.rmtree(home, ignore_errors=True)


def measure(label: str, app: Path, plan: Path, display: str, runs: int, settle: float, timeout: float) -> dict:
    print(f"\n{label}: {plan}")
    samples = []
    for i in range(1, runs + 1):
        s = launch(app, plan, display, settle, timeout)
        samples.append(s)
        procs = ", ".join(f"{n} {m} MiB" for n, m in s["processes"].items())
        print(f"  run {i}/{runs}: ready {s['ready_ms']:.0f} ms, PSS {s['pss_mib']:.1f} MiB ({procs})")
    result = {
        "plan": label,
        "runs": runs,
        "ready_ms_median": statistics.median(s["ready_ms"] for s in samples),
        "ready_ms_all": [s["ready_ms"] for s in samples],
        "pss_mib_median": statistics.median(s["pss_mib"] for s in samples),
        "pss_mib_all": [round(s["pss_mib"], 1) for s in samples],
    }
    print(
        f"  median of {runs}: launch to interactive {result['ready_ms_median']:.0f} ms, "
        f"PSS {result['pss_mib_median']:.1f} MiB"
    )
    return result


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--app", type=Path, default=target_dir() / "release" / "runway-app")
    p.add_argument("--cli", type=Path, default=target_dir() / "release" / "runway")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--settle", type=float, default=5.0, help="seconds after ready before reading PSS")
    p.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for the ready line")
    p.add_argument("--releases", type=int, default=5000)
    p.add_argument("--json", type=Path, help="also write the results here")
    args = p.parse_args()

    for what, path in (("app", args.app), ("CLI", args.cli)):
        if not os.access(path, os.X_OK):
            die(f"the {what} binary {path} is not built (make bench builds it, or pass --{what.lower()})")
    if not shutil.which("Xvfb"):
        die("Xvfb not found: scripts/deps.sh test installs it")

    work = Path(tempfile.mkdtemp(prefix="runway-bench-plans-"))
    xvfb = None
    try:
        plans = []
        for n in (args.releases, 40):
            plan = work / f"plan{n}.runway"
            cmd = [str(args.cli), "demo", "--db", str(plan), "--releases", str(n), "--force"]
            print("$ " + " ".join(cmd))
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
            plans.append((f"{n:,} releases", plan))
        xvfb = Xvfb()
        cpu = platform.processor() or platform.machine()
        print(f"app {args.app}, {os.cpu_count()} cores ({cpu}), Xvfb {xvfb.display}, settle {args.settle:g} s")
        results = [measure(label, args.app, plan, xvfb.display, args.runs, args.settle, args.timeout) for label, plan in plans]
    finally:
        if xvfb:
            xvfb.close()
        shutil.rmtree(work, ignore_errors=True)

    print("\nplan              launch to interactive (median)   PSS app + WebKit (median)")
    for r in results:
        print(f"{r['plan']:<17} {r['ready_ms_median']:>10.0f} ms {'':<19} {r['pss_mib_median']:>8.1f} MiB")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
        print(f"results: {args.json}")


if __name__ == "__main__":
    main()
