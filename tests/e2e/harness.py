"""The pieces the end-to-end tests drive: an X display, tauri-driver, and the app over WebDriver.

Nothing here knows a test; conftest.py wires these into fixtures. Every process started here is
stopped by its own handle (never by name).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.options import ArgOptions
from selenium.webdriver.remote.client_config import ClientConfig
from selenium.webdriver.remote.remote_connection import RemoteConnection
from selenium.webdriver.remote.webelement import WebElement

READY_TIMEOUT = 60.0  # launch to body[data-ready="true"]; CI machines are slow
WAIT = 20.0  # default for an element to appear after an action


# --- processes ------------------------------------------------------------------------------------


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port(preferred: int, avoid: tuple[int, ...] = ()) -> int:
    """`preferred` when nothing listens there, else a port the kernel hands out."""
    if preferred not in avoid and port_is_free(preferred):
        return preferred
    while True:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port not in avoid:
            return port


def stop(proc: subprocess.Popen | None, timeout: float = 10.0) -> None:
    """Terminates one process we started (and its process group), then kills it if it lingers."""
    if proc is None or proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(5)


def children_of(pid: int) -> list[int]:
    """All descendants of `pid`, read from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name may hold spaces and parentheses: the ppid follows the last ')'.
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def exe_of(pid: int) -> str | None:
    try:
        return os.readlink(f"/proc/{pid}/exe")
    except OSError:
        return None


class Xvfb:
    """A private X display: Xvfb picks a free display number and tells it on a pipe."""

    def __init__(self, log: Path):
        read_fd, write_fd = os.pipe()
        self.proc = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1600x1000x24", "-nolisten", "tcp", "-ac"],
            pass_fds=(write_fd,),
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        os.close(write_fd)
        number = b""
        deadline = time.monotonic() + 30
        with os.fdopen(read_fd, "rb") as pipe:
            while not number.endswith(b"\n") and time.monotonic() < deadline:
                chunk = pipe.read(1)
                if not chunk:
                    break
                number += chunk
        if not number.strip():
            stop(self.proc)
            raise RuntimeError(f"Xvfb did not start (see {log})")
        self.display = f":{number.decode().strip()}"

    def close(self) -> None:
        stop(self.proc)


class SessionBus:
    """A private D-Bus session bus: the app finds a running instance of itself over it (a second
    launch hands its file to the first), so the tests must not meet the developer's own Runway."""

    def __init__(self, log: Path):
        self.proc = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--print-address=1", "--nopidfile"],
            stdout=subprocess.PIPE,
            stderr=log.open("wb"),
            start_new_session=True,
        )
        line = self.proc.stdout.readline().decode().strip()
        if not line:
            stop(self.proc)
            raise RuntimeError(f"dbus-daemon did not start (see {log})")
        self.address = line

    def close(self) -> None:
        stop(self.proc)


class TauriDriver:
    """tauri-driver on a free port, in front of WebKitWebDriver on another free port."""

    def __init__(self, env: dict[str, str], log: Path):
        self.port = free_port(int(os.environ.get("RUNWAY_E2E_PORT", "4444")))
        self.native_port = free_port(4445, avoid=(self.port,))
        native = os.environ.get("RUNWAY_E2E_NATIVE_DRIVER") or "WebKitWebDriver"
        cmd = ["tauri-driver", "--port", str(self.port), "--native-port", str(self.native_port)]
        if "/" in native:
            cmd += ["--native-driver", native]
        self.log = log
        self.env = env
        self.display = env.get("DISPLAY", "")
        self.proc = subprocess.Popen(
            cmd, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True
        )
        deadline = time.monotonic() + 30
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"tauri-driver exited ({self.proc.returncode}): {tail(log)}")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), 0.5):
                break
            if time.monotonic() > deadline:
                stop(self.proc)
                raise RuntimeError(f"tauri-driver did not listen on {self.port} within 30 s: {tail(log)}")
            time.sleep(0.2)
        self.url = f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        stop(self.proc)


def tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


# --- the app ------------------------------------------------------------------------------------


def css(testid: str, **attrs: str) -> str:
    sel = f'[data-testid="{testid}"]'
    for name, value in attrs.items():
        sel += f'[data-{name}="{value}"]'
    return sel


INVOKE = """
const cb = arguments[arguments.length - 1];
window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1])
  .then(r => cb({ok: r === undefined ? null : r}), e => cb({err: e}));
"""

SET_VALUE = """
const [el, value] = arguments;
const proto = Object.getPrototypeOf(el);
Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, value);
el.dispatchEvent(new Event('input', {bubbles: true}));
el.dispatchEvent(new Event('change', {bubbles: true}));
"""


class App:
    """The Runway app in one WebDriver session; restartable against the same data dir."""

    def __init__(self, binary: Path, server: TauriDriver, artifacts: Path):
        self.binary = binary
        self.server = server
        self.artifacts = artifacts
        self.driver: webdriver.Remote | None = None
        self.pid: int | None = None

    # life cycle

    def start(self) -> None:
        opts = ArgOptions()
        opts.set_capability("browserName", "wry")
        opts.set_capability("tauri:options", {"application": str(self.binary)})
        try:
            connection = RemoteConnection(client_config=ClientConfig(self.server.url, timeout=120))
            self.driver = webdriver.Remote(command_executor=connection, options=opts)
        except WebDriverException as e:
            raise AssertionError(
                f"WebDriver could not start the app {self.binary}: {e.msg}\n"
                f"tauri-driver log:\n{tail(self.server.log)}"
            ) from e
        self.driver.set_script_timeout(30)
        self.pid = next(
            (p for p in children_of(self.server.proc.pid) if exe_of(p) == str(self.binary)), None
        )
        self.wait_ready()

    def wait_ready(self, timeout: float = READY_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if self.driver.find_elements(By.CSS_SELECTOR, 'body[data-ready="true"]'):
                    return
            except WebDriverException:
                pass  # the page may be loading
            time.sleep(0.25)
        notice = self.texts("notice")
        self.screenshot(self.artifacts / "app-not-ready.png")
        (self.artifacts / "app-not-ready.html").write_text(self.page_source())
        raise AssertionError(
            f'the app did not set body[data-ready="true"] within {timeout:.0f} s'
            f"; notice: {notice or 'none'}; tauri-driver log:\n{tail(self.server.log)}"
        )

    def quit(self) -> None:
        if self.driver is not None:
            with contextlib.suppress(WebDriverException):
                self.driver.quit()
            self.driver = None
        if self.pid is not None:
            # Ending the session closes the app; make sure it is gone before another starts.
            deadline = time.monotonic() + 20
            while exe_of(self.pid) == str(self.binary) and time.monotonic() < deadline:
                time.sleep(0.2)
            if exe_of(self.pid) == str(self.binary):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(self.pid, signal.SIGKILL)
            self.pid = None

    def restart(self) -> None:
        self.quit()
        self.start()

    def reload(self) -> None:
        """A fresh page (forms closed, search cleared) without restarting the process."""
        self.driver.refresh()
        self.wait_ready()

    # reading the page

    def all(self, testid: str, **attrs: str) -> list[WebElement]:
        return self.driver.find_elements(By.CSS_SELECTOR, css(testid, **attrs))

    def text(self, el: WebElement) -> str:
        """What the element reads on screen. WebKitWebDriver's own element text comes back empty
        for some visible elements (an ellipsised span, the grid rows), so ask the page."""
        return self.driver.execute_script("return arguments[0].innerText ?? arguments[0].textContent ?? ''", el)

    def text_of(self, testid: str, what: str = "", **attrs: str) -> str:
        return self.text(self.wait(testid, what or f"the text of {testid}", **attrs))

    def texts(self, testid: str) -> list[str]:
        try:
            return [self.text(e) for e in self.all(testid) if e.is_displayed()]
        except WebDriverException:
            return []

    def wait(self, testid: str, what: str = "", timeout: float = WAIT, visible: bool = True, **attrs: str) -> WebElement:
        """The first element with `testid` (and data-* `attrs`), once it is there (and visible)."""
        deadline = time.monotonic() + timeout
        while True:
            for el in self.all(testid, **attrs):
                with contextlib.suppress(WebDriverException):
                    if not visible or el.is_displayed():
                        return el
            if time.monotonic() > deadline:
                shown = ", ".join(f"{k}={v!r}" for k, v in self.visible_errors().items())
                raise AssertionError(
                    f"{what or 'waiting'}: no {'visible ' if visible else ''}{css(testid, **attrs)} "
                    f"after {timeout:.0f} s (notice: {self.texts('notice') or 'none'}; field errors: {shown or 'none'})"
                )
            time.sleep(0.2)

    def wait_until(self, check, what: str, timeout: float = WAIT):
        """Polls `check()` until it returns something truthy; fails naming `what`."""
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            with contextlib.suppress(WebDriverException):
                last = check()
                if last:
                    return last
            time.sleep(0.2)
        raise AssertionError(f"{what} (not true after {timeout:.0f} s; last seen: {last!r})")

    def visible_errors(self) -> dict[str, str]:
        """The field messages on screen: {"error-title": "The title is required.", ...}."""
        found = {}
        with contextlib.suppress(WebDriverException):
            for el in self.driver.find_elements(By.CSS_SELECTOR, '[data-testid^="error-"]'):
                if el.is_displayed():
                    found[el.get_attribute("data-testid")] = self.text(el)
        return found

    def count(self) -> int:
        """N from release-count's "N releases"."""
        import re

        text = self.text_of("release-count", "the release count")
        m = re.search(r"(\d[\d,.\u202f\u00a0 ]*)\s*releases?\b", text)
        assert m, f'release-count says {text!r}, expected "N releases"'
        return int(re.sub(r"\D", "", m.group(1)))

    def row_keys(self) -> list[str]:
        return [r.get_attribute("data-key") for r in self.all("release-row")]

    # acting on the page

    def click(self, testid: str, what: str = "", **attrs: str) -> None:
        el = self.wait(testid, what or f"click {testid}", **attrs)
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", el)
        el.click()

    def set_value(self, testid: str, value: str) -> None:
        """Sets an input as a user would leave it (value + input + change events).

        WebKitGTK's datetime-local inputs ignore send_keys, and typing into a field that already
        holds text appends; this is reliable for both."""
        el = self.wait(testid, f"the form field {testid}")
        self.driver.execute_script(SET_VALUE, el, value)
        got = el.get_attribute("value")
        assert got == value, f"{testid} holds {got!r} after setting {value!r}"

    def type(self, testid: str, value: str) -> None:
        """Types into a text input like a person (cleared first)."""
        el = self.wait(testid, f"the form field {testid}")
        self.driver.execute_script(SET_VALUE, el, "")
        if value:
            el.send_keys(value)
        if el.get_attribute("value") != value:  # a keyboard quirk: fall back to setting it
            self.driver.execute_script(SET_VALUE, el, value)

    def search(self, text: str) -> None:
        self.type("release-search", text)

    def invoke(self, command: str, args: dict | None = None) -> dict:
        """Calls a Tauri command from the page: {"ok": value} or {"err": ErrorInfo}."""
        return self.driver.execute_async_script(INVOKE, command, args or {})

    def screenshot(self, path: Path) -> None:
        """A picture of the whole X display, taken from the X server: WebKitWebDriver's own
        screenshot command hangs on some pages (for two minutes per try), so it is not used."""
        if not self.server.display:
            return
        from PIL import ImageGrab

        with contextlib.suppress(OSError):
            ImageGrab.grab(xdisplay=self.server.display).save(path)

    def page_source(self) -> str:
        try:
            return self.driver.page_source if self.driver else ""
        except WebDriverException:
            return ""
