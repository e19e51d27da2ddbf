"""Schedule conflicts outside the Calendar view, in the real app: a freeze added through the
Calendar view's form over a coming deployment of the demo shows on the release page (severity,
kind, the core's sentence) and as a badge on the release's roadmap label; "Next free slot" proposes
windows past it, the first one applied moves the deployment and the conflict goes; Ctrl+Z brings
the old window and the conflict back. The dashboard's card counts the conflict meanwhile.

DOM hooks (data-testid): `release-conflicts` (data-count, data-blocking), `release-conflict`
(data-kind, data-severity), `release-conflicts-none`, `next-slot`, `next-slot-unavailable`,
`slots`, `slot` (data-start, data-shift), `slot-apply`, `slots-close`, `slot-error`; on the
roadmap, `roadmap-label`'s data-conflicts and data-blocking (the badge is painted on its canvas);
on the dashboard, `dash-conflicts`, `dash-conflicts-blocking`, `dash-conflict` (data-kind) with its
releases' buttons (data-key).
"""

from __future__ import annotations

from datetime import date, timedelta

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from conftest import E2E_TODAY
from flows import add_window, search_for

FREEZE = "E2E release freeze"

# Stages whose deployment can still move (the core proposes no slot once it is deploying).
MOVABLE = {"planned", "submitted_to_cab", "approved", "build", "test", "awaiting_authorization", "authorized"}

SCROLL_TO_LINE = """
const [scroller, line] = arguments;
scroller.scrollTop = Math.max(0, line * 32 - scroller.clientHeight / 3);
scroller.dispatchEvent(new Event('scroll'));
"""

# How many pixels of a release label's canvas are painted near `rgb` (the badge's colour).
PIXELS_NEAR = """
const [key, rgb] = arguments;
const button = document.querySelector(`[data-testid="roadmap-label"][data-key="${key}"]`);
const canvas = button && button.parentElement.querySelector('[data-testid="roadmap-label-paint"]');
if (!canvas) return -1;
const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
let n = 0;
for (let i = 0; i < data.length; i += 4) {
  if (data[i + 3] === 255 && Math.abs(data[i] - rgb[0]) + Math.abs(data[i + 1] - rgb[1]) + Math.abs(data[i + 2] - rgb[2]) < 40) n++;
}
return n;
"""


def quiet_coming_deployment(app) -> dict:
    """A deployment of the demo in the coming weeks whose release can still move and that is party
    to no conflict; the release with the fewest conflicts elsewhere (its test phase may have some:
    a slot moves only the deployment and the phases after it)."""
    today = date.fromisoformat(E2E_TODAY)
    result = app.invoke("calendar_view", {"from": str(today + timedelta(days=2)), "to": str(today + timedelta(days=75))})
    assert "ok" in result, f"calendar_view failed: {result.get('err')!r}"
    quiet = [d for d in result["ok"]["deployments"] if d["status"] in MOVABLE and d["conflicts"] == 0 and d["start"][:10] > E2E_TODAY]
    assert quiet, "the demo has no conflict-free deployment of a movable release in the coming weeks"
    return min(quiet, key=lambda d: len(release_conflicts(app, d["release"])))


def release_conflicts(app, key: str) -> list[dict]:
    result = app.invoke("release_conflicts", {"key": key})
    assert "ok" in result, f"release_conflicts {key} failed: {result.get('err')!r}"
    return result["ok"]["conflicts"]


def window_of(app, key: str) -> dict:
    return app.invoke("get_release", {"key": key})["ok"]["release"]["window"]


def open_release(app, key: str) -> None:
    search_for(app, key).click()
    app.wait("release-detail", f"the release pane of {key}", key=key)


def line_of(layout: dict, key: str) -> int:
    """The roadmap line a release is drawn on: each group is a header line, then its rows."""
    row = next(r["index"] for r in layout["rows"] if r["key"] == key)
    line = 0
    for group in layout["groups"]:
        line += 1
        if row in group["rows"]:
            return line + group["rows"].index(row)
        line += len(group["rows"])
    raise AssertionError(f"{key} is in no group of the roadmap")


def test_a_freeze_on_the_release_page_the_next_free_slot_and_undo(app):
    d = quiet_coming_deployment(app)
    key, day = d["release"], d["start"][:10]
    before = window_of(app, key)
    # What the release is party to already (its test phase's bookings…): a slot leaves those.
    others = {c["id"] for c in release_conflicts(app, key)}
    try:
        add_window(app, FREEZE, "freeze", day, day)
        assert any(c["kind"] == "freeze" for c in release_conflicts(app, key)), f"the freeze on {day} makes no conflict for {key}"

        # The release page lists it: blocking, a change in a freeze, named.
        open_release(app, key)
        conflict = app.wait("release-conflict", f"the freeze's conflict on the page of {key}", kind="freeze")
        assert conflict.get_attribute("data-severity") == "blocking"
        words = app.text(conflict)
        assert "Change in a freeze" in words and FREEZE in words, f"the conflict reads {words!r}"
        assert int(app.wait("release-conflicts").get_attribute("data-blocking")) >= 1
        app.screenshot(app.artifacts / "release-conflicts.png")

        # The roadmap badges the release's label, red: the conflict blocks.
        app.click("nav-roadmap", "the Roadmap item in the sidebar")
        scroller = app.wait("roadmap-scroller", "the roadmap")
        layout = app.invoke("roadmap", {"baseline": None})["ok"]
        row = next(r for r in layout["rows"] if r["key"] == key)
        assert row["conflicts"] >= 1 and row["blocking_conflicts"] >= 1, row
        app.driver.execute_script(SCROLL_TO_LINE, scroller, line_of(layout, key))
        label = app.wait("roadmap-label", f"the roadmap label of {key}", key=key)
        assert int(label.get_attribute("data-conflicts")) >= 1
        assert int(label.get_attribute("data-blocking")) >= 1
        assert "blocking" in (label.get_attribute("title") or ""), label.get_attribute("title")
        red = [0xAB, 0x20, 0x20]  # --tone-red-fg of the light theme: the badge's triangle and count
        app.wait_until(lambda: app.driver.execute_script(PIXELS_NEAR, key, red) > 10, f"no red badge painted on {key}'s label")
        app.screenshot(app.artifacts / "roadmap-conflict-badge.png")

        # Next free slot: windows past the freeze; the first one moves the deployment there.
        open_release(app, key)
        app.click("next-slot", "Next free slot")
        first = app.wait("slot", "the proposed slots")
        start = first.get_attribute("data-start")
        assert start[:10] != day, f"the first slot {start} is on the frozen day"
        assert int(first.get_attribute("data-shift")) != 0
        app.screenshot(app.artifacts / "release-slots.png")
        first.find_element("css selector", '[data-testid="slot-apply"]').click()
        app.wait_until(lambda: window_of(app, key)["start"] == start, f"the deployment of {key} did not move to {start}")
        # The freeze's conflict goes; what the release had apart from its deployment stays.
        app.wait_until(lambda: not app.all("release-conflict", kind="freeze"), "the freeze's conflict is still listed")
        if others:
            app.wait_until(lambda: len(app.all("release-conflict")) == len(others), "the page does not list the other conflicts")
        else:
            app.wait("release-conflicts-none", "no conflict left after the slot")
        assert "Moved the deployment of" in " ".join(app.texts("notice"))
        assert {c["id"] for c in release_conflicts(app, key)} == others

        # Ctrl+Z: the old window and the freeze's conflict are back, on the page too.
        app.wait_until(lambda: app.wait("undo").is_enabled(), "Undo stays disabled after applying the slot")
        ActionChains(app.driver).key_down(Keys.CONTROL).send_keys("z").key_up(Keys.CONTROL).perform()
        app.wait_until(lambda: window_of(app, key) == before, f"Ctrl+Z did not bring {key}'s window back")
        app.wait("release-conflict", "the freeze's conflict back after Ctrl+Z", kind="freeze")
        assert any(c["kind"] == "freeze" for c in release_conflicts(app, key))

        # The dashboard counts it among the blocking ones and opens the release from its key.
        app.click("nav-dashboard", "the Dashboard item in the sidebar")
        app.wait("dash-conflicts", "the dashboard's conflicts card")
        assert int(app.text_of("dash-conflicts-blocking").split()[0]) >= 1
        app.screenshot(app.artifacts / "dashboard-conflicts.png")
    finally:
        app.invoke("remove_window", {"name": FREEZE})
        if window_of(app, key) != before:
            app.invoke("apply_slot", {"key": key, "start": before["start"]})


def test_no_slot_for_a_release_already_deploying(app):
    releases = app.invoke("list_releases")["ok"]
    done = next((r for r in releases if r["status"] in {"deploying", "deployed", "verified", "closed"}), None)
    assert done, "the demo has no release deploying or done"
    open_release(app, done["key"])
    app.wait("release-conflicts", "the schedule conflicts section")
    assert not app.wait("next-slot").is_enabled(), "Next free slot is enabled for a release past its deployment"
    assert app.text_of("next-slot-unavailable").startswith("The release is")
