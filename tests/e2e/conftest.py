"""Fixtures for the end-to-end tests: the real app under Xvfb, driven over WebDriver.

One X display, one tauri-driver and one fresh data dir (XDG_DATA_HOME) for the whole session; the
app itself is started once and restarted when a test needs it or after a failed test. A screenshot
of the window is kept in tests/e2e/artifacts/ after every test (<test>.png, or <test>.FAILED.png
and its page source on failure), with the tauri-driver log (which holds the app's stderr).

Environment:
  RUNWAY_APP          the app binary (default: $CARGO_TARGET_DIR or ./target, then debug/runway-app)
  RUNWAY_E2E_HEADED=1 use the current $DISPLAY instead of a private Xvfb
  RUNWAY_E2E_PORT     tauri-driver's preferred port (default 4444; another is chosen when busy)
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from harness import App, SessionBus, TauriDriver, Xvfb, tail

ROOT = Path(__file__).resolve().parents[2]
# The day the app believes it is (RUNWAY_TODAY); the tests' expectations are worked out for it.
E2E_TODAY = "2026-11-22"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


def app_binary() -> Path:
    if os.environ.get("RUNWAY_APP"):
        return Path(os.environ["RUNWAY_APP"]).resolve()
    target = Path(os.environ.get("CARGO_TARGET_DIR") or "target")
    if not target.is_absolute():
        target = ROOT / target
    return (target / "debug" / "runway-app").resolve()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def workdir(tmp_path_factory) -> Path:
    """The session's scratch: the app's XDG dirs and the files the tests write."""
    return tmp_path_factory.mktemp("runway-e2e")


@pytest.fixture(scope="session")
def data_home(workdir) -> Path:
    """XDG_DATA_HOME of the app: it keeps its plan and settings in org.runway.desktop/ here."""
    path = workdir / "xdg-data"
    path.mkdir()
    return path


@pytest.fixture(scope="session")
def display(artifacts):
    if os.environ.get("RUNWAY_E2E_HEADED") == "1" and os.environ.get("DISPLAY"):
        yield os.environ["DISPLAY"]
        return
    if not shutil.which("Xvfb"):
        pytest.fail("Xvfb not found: run scripts/deps.sh test")
    xvfb = Xvfb(artifacts / "xvfb.log")
    yield xvfb.display
    xvfb.close()


@pytest.fixture(scope="session")
def server(display, workdir, data_home, artifacts):
    for tool in ("tauri-driver", "WebKitWebDriver", "dbus-daemon"):
        if not shutil.which(tool):
            pytest.fail(f"{tool} not found on PATH: run scripts/deps.sh test")
    env = dict(os.environ)
    for name in ("WAYLAND_DISPLAY", "RUNWAY_READY_PROBE"):
        env.pop(name, None)
    for sub in ("config", "cache", "state"):
        (workdir / f"xdg-{sub}").mkdir(exist_ok=True)
    env.update(
        DISPLAY=display,
        GDK_BACKEND="x11",
        NO_AT_BRIDGE="1",  # no accessibility bus under Xvfb
        XDG_DATA_HOME=str(data_home),
        XDG_CONFIG_HOME=str(workdir / "xdg-config"),
        XDG_CACHE_HOME=str(workdir / "xdg-cache"),
        XDG_STATE_HOME=str(workdir / "xdg-state"),
        RUNWAY_E2E="1",  # enables open_plan_path and the other test-only path commands
        # "Today" for the app: the demo is built around it and judged on it, so the tests see the
        # same plan whatever day they run.
        RUNWAY_TODAY=E2E_TODAY,
        # Reports → Save… writes here instead of opening the native dialog (test-only).
        RUNWAY_E2E_SAVE_DIR=str(workdir / "saved-reports"),
    )
    (workdir / "saved-reports").mkdir(exist_ok=True)
    bus = SessionBus(artifacts / "dbus.log")
    env["DBUS_SESSION_BUS_ADDRESS"] = bus.address
    driver = TauriDriver(env, artifacts / "tauri-driver.log")
    yield driver
    driver.close()
    bus.close()


@pytest.fixture(scope="session")
def runway(server, artifacts):
    """The app, started once for the session (see `app` for what each test gets)."""
    binary = app_binary()
    if not os.access(binary, os.X_OK):
        pytest.fail(f"the app binary {binary} is not built: make app-debug (or set RUNWAY_APP)")
    app = App(binary, server, artifacts)
    app.start()
    yield app
    app.quit()


@pytest.fixture
def app(runway, request, artifacts):
    """The running app, on a fresh page: restarted if the previous test failed, else reloaded."""
    if getattr(request.session, "runway_needs_restart", False):
        runway.restart()
        request.session.runway_needs_restart = False
    elif runway.driver is None:
        runway.start()
    else:
        try:
            runway.reload()
        except AssertionError:
            runway.restart()
    yield runway
    name = re.sub(r"[^\w.-]+", "_", request.node.name)
    call = getattr(request.node, "rep_call", None)
    if call is not None and call.failed:
        runway.screenshot(artifacts / f"{name}.FAILED.png")
        (artifacts / f"{name}.FAILED.html").write_text(runway.page_source())
        request.session.runway_needs_restart = True
    else:
        runway.screenshot(artifacts / f"{name}.png")


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    if report.when == "setup" and report.failed and "runway" in item.fixturenames:
        # The app did not come up (or a fixture broke): keep what the screen showed.
        app = item.funcargs.get("runway") if hasattr(item, "funcargs") else None
        if app is not None:
            name = re.sub(r"[^\w.-]+", "_", item.name)
            app.screenshot(ARTIFACTS / f"{name}.SETUP-FAILED.png")
        item.session.runway_needs_restart = True
    return report


def pytest_terminal_summary(terminalreporter, exitstatus):
    if exitstatus not in (0, 5) and (ARTIFACTS / "tauri-driver.log").exists():
        terminalreporter.section("tauri-driver log (the app's stderr), last lines")
        terminalreporter.write_line(tail(ARTIFACTS / "tauri-driver.log", 40))
    if ARTIFACTS.exists():
        terminalreporter.write_line(f"e2e artifacts (screenshots, logs): {ARTIFACTS}")
