"""The roadmap in the real app: drag a milestone, see the callouts, commit, undo; drag one to the
chart's edge and the chart scrolls under it; and the CAB presentation mode, entered and left."""

from datetime import date

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from flows import search_for


def milestone(app, key: str, kind: str) -> dict:
    release = app.invoke("get_release", {"key": key})["ok"]["release"]
    return next(m for m in release["milestones"] if m["kind"] == kind)


def show_roadmap(app) -> None:
    app.click("nav-roadmap", "the Roadmap item in the sidebar")
    app.wait("roadmap", "the roadmap view")
    app.wait("roadmap-bar", "a milestone bar")


def a_visible_test_bar(app):
    """A test-phase bar on screen whose release is still being planned or built."""
    open_stages = {"draft", "planned", "submitted_to_cab", "approved", "build"}
    keys = {r["key"] for r in app.invoke("list_releases")["ok"] if r["status"] in open_stages}
    for bar in app.all("roadmap-bar"):
        if bar.get_attribute("data-kind") == "test" and bar.get_attribute("data-key") in keys and bar.is_displayed():
            return bar
    raise AssertionError("no test-phase bar of an open release is on screen")


PIXEL_UNDER = """
const bar = arguments[0];
const canvas = bar.closest('[data-testid="roadmap-row"]').querySelector('[data-testid="roadmap-paint"]');
if (!canvas) return null;
const b = bar.getBoundingClientRect(), c = canvas.getBoundingClientRect();
const x = Math.floor((b.left + b.width / 2 - c.left) * canvas.width / c.width);
const y = Math.floor((b.top + b.height / 2 - c.top) * canvas.height / c.height);
return Array.from(canvas.getContext('2d').getImageData(x, y, 1, 1).data);
"""

INKED_LABEL = """
const button = document.querySelector(`[data-testid="roadmap-label"][data-key="${arguments[0]}"]`);
const canvas = button && button.parentElement.querySelector('[data-testid="roadmap-label-paint"]');
if (!canvas) return -1;
const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
let n = 0;
for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
return n;
"""


def test_drag_a_milestone_see_the_callouts_commit_and_undo(app):
    show_roadmap(app)
    app.click("roadmap-zoom-month", "the month zoom")
    bar = a_visible_test_bar(app)
    # The bar is painted on its row's canvas, under the (transparent) button: opaque at its middle.
    rgba = app.driver.execute_script(PIXEL_UNDER, bar)
    assert rgba is not None and rgba[3] == 255, f"nothing painted under the bar: {rgba}"
    # So is its release's label (key, title, status) in the release column, under its button.
    inked = app.driver.execute_script(INKED_LABEL, bar.get_attribute("data-key"))
    assert inked > 200, f"the label of {bar.get_attribute('data-key')} is blank ({inked} pixels painted)"
    key = bar.get_attribute("data-key")
    before = milestone(app, key, "test")

    # Drag the bar to the right by about a week.
    app.driver.execute_script("arguments[0].scrollIntoView({block: 'center', inline: 'center'})", bar)
    width = bar.size["width"]
    days = (int(before["planned_end"][8:10]) - int(before["planned_start"][8:10])) % 31 + 1
    per_day = max(width / max(days, 1), 2)
    ActionChains(app.driver).click_and_hold(bar).move_by_offset(int(per_day * 4), 0).move_by_offset(
        int(per_day * 3), 0
    ).release().perform()

    callouts = app.wait("roadmap-callouts", "the what-if callouts after the drag")
    app.wait_until(lambda: "must" in app.text(callouts).lower() or "moves" in app.text(callouts).lower(),
                   f"the callouts say nothing about what moves: {app.text(callouts)!r}")
    assert milestone(app, key, "test") == before, "a what-if must not save anything"

    app.click("roadmap-commit", "Commit")
    app.wait_until(lambda: milestone(app, key, "test")["planned_start"] > before["planned_start"],
                   "the move was not committed")

    app.wait_until(lambda: app.wait("undo").is_enabled(), "Undo stays disabled after the move")
    app.click("undo", "Undo")
    app.wait_until(lambda: milestone(app, key, "test") == before, "Undo did not bring the planned dates back")


PLACE = """
const [scroller, bar] = arguments;
const s = scroller.getBoundingClientRect(), b = bar.getBoundingClientRect();
scroller.scrollLeft += b.left + b.width / 2 - (s.left + scroller.clientWidth * 0.4);
scroller.scrollTop += b.top + b.height / 2 - (s.top + scroller.clientHeight / 2);
"""

VIEW = """
const [scroller, bar] = arguments;
const s = scroller.getBoundingClientRect(), b = bar.getBoundingClientRect();
return {left: scroller.scrollLeft, right: s.left + scroller.clientWidth, x: b.left + b.width / 2};
"""


def test_a_bar_dragged_to_the_edge_scrolls_the_roadmap_to_later_dates(app):
    show_roadmap(app)
    app.click("roadmap-zoom-month", "the month zoom")
    bar = a_visible_test_bar(app)
    key = bar.get_attribute("data-key")
    before = milestone(app, key, "test")
    scroller = app.wait("roadmap-scroller", "the roadmap's scroller")
    # The bar a little left of the middle: clear of the callouts, which open beside the chart.
    app.driver.execute_script(PLACE, scroller, bar)
    start = app.driver.execute_script(VIEW, scroller, bar)

    # Grab the bar and nudge it: the callouts open (beside the chart, which narrows).
    ActionChains(app.driver).click_and_hold(bar).move_by_offset(24, 0).pause(0.5).perform()
    dates = app.wait("roadmap-callout-dates", "the callouts' dates while dragging")
    first = dates.get_attribute("data-start")
    view = app.driver.execute_script(VIEW, scroller, bar)
    pointer = start["x"] + 24
    assert pointer < view["right"] - 100, f"the grabbed bar is not clear of the chart's right edge: {view}"

    # Hold the pointer just inside the chart's right edge: the chart scrolls, the bar follows.
    edge = int(view["right"] - 12 - pointer)
    ActionChains(app.driver).move_by_offset(edge // 2, 0).move_by_offset(edge - edge // 2, 0).perform()
    app.wait_until(lambda: scroller.get_property("scrollLeft") > view["left"] + 200,
                   f"the roadmap did not scroll while the bar was held at its right edge (from {view['left']})")
    app.wait_until(lambda: dates.get_attribute("data-start") > first,
                   f"the callouts' date stayed at {first} while the chart scrolled")
    app.screenshot(app.artifacts / "roadmap-drag-scrolled.png")

    # Back where the pointer was, the scrolling stops and the bar is as many days later as the
    # chart scrolled (12 px a day at this zoom): it followed the pointer over the content.
    ActionChains(app.driver).move_by_offset(-edge, 0).pause(0.3).perform()
    held = scroller.get_property("scrollLeft")
    ActionChains(app.driver).pause(0.5).release().perform()
    assert scroller.get_property("scrollLeft") == held, "the roadmap kept scrolling away from the edge"
    dropped = app.wait("roadmap-callout-dates").get_attribute("data-start")
    days = (date.fromisoformat(dropped) - date.fromisoformat(first)).days
    assert abs(days - (held - view["left"]) / 12) <= 1.5, f"{first} → {dropped} after scrolling {held - view['left']} px"
    assert milestone(app, key, "test") == before, "a what-if must not save anything"

    # Grabbed again and held at the edge, Esc abandons the move and the scrolling stops.
    bar = app.wait("roadmap-bar", "the moved bar", key=key, kind="test")
    ActionChains(app.driver).click_and_hold(bar).move_by_offset(edge // 2, 0).move_by_offset(edge - edge // 2, 0).perform()
    app.wait_until(lambda: scroller.get_property("scrollLeft") > held + 100, "the roadmap did not scroll on the second drag")
    ActionChains(app.driver).send_keys(Keys.ESCAPE).pause(0.3).perform()
    app.wait_until(lambda: not app.all("roadmap-callouts"), "Esc did not abandon the move")
    stopped = scroller.get_property("scrollLeft")
    ActionChains(app.driver).pause(0.5).release().perform()
    assert scroller.get_property("scrollLeft") == stopped, "the roadmap kept scrolling after Esc"
    assert not app.all("roadmap-callouts"), "the drop after Esc brought the move back"


def test_presentation_mode_is_entered_and_left(app):
    show_roadmap(app)
    app.click("roadmap-present", "the Present button")
    app.wait("presentation", "the presentation mode")
    heading = app.text_of("presentation-quarter", "the quarter heading")
    assert "Q" in heading, heading
    # The quarter's dependencies are drawn too, in the projector theme.
    app.wait("presentation-arrow", "a dependency arrow in the presentation", visible=False)
    app.screenshot(app.artifacts / "presentation-arrows.png")
    body = app.driver.find_element("css selector", "body")
    body.send_keys(Keys.ARROW_RIGHT)
    app.wait_until(lambda: app.text_of("presentation-quarter") != heading, "Right did not step to the next quarter")
    body.send_keys(Keys.ESCAPE)
    if app.all("presentation"):
        body.send_keys(Keys.ESCAPE)
    app.wait_until(lambda: not app.all("presentation"), "Esc did not leave the presentation mode")
    # F5 enters it again.
    body.send_keys(Keys.F5)
    app.wait("presentation", "the presentation mode after F5")
    body.send_keys(Keys.ESCAPE)
    if app.all("presentation"):
        body.send_keys(Keys.ESCAPE)
    app.wait_until(lambda: not app.all("presentation"), "Esc did not leave the presentation mode")


# --- Links ------------------------------------------------------------------------------------------

ON_SCREEN = """
const [el, scroller] = arguments;
const r = el.getBoundingClientRect(), s = scroller.getBoundingClientRect();
return r.width > 0 && r.left > s.left + 300 && r.right < s.right - 30 && r.top > s.top + 50 && r.bottom < s.bottom - 30;
"""


def bars_on_screen(app, kind: str):
    scroller = app.wait("roadmap-scroller", "the roadmap's scroller")
    return [
        b
        for b in app.all("roadmap-bar")
        if b.get_attribute("data-kind") == kind and app.driver.execute_script(ON_SCREEN, b, scroller)
    ]


def dependencies_of(app, key: str) -> list[dict]:
    return app.invoke("release_dependencies", {"key": key})["ok"]


def arrow_between(app, a: str, b: str) -> str | None:
    """The arrow (or the stub) painted from `a` to `b` ("KEY|kind"), in the links canvas's words, if any."""
    words = app.driver.execute_script(
        "const c = document.querySelector('[data-testid=\"roadmap-links\"]'); return c ? c.dataset.links : '';"
    )
    return next((w for w in words.split() if w.split(":")[0] == f"{a}>{b}"), None)


INKED_NEAR = """
const [canvas, x, y, r] = arguments;
const c = canvas.getBoundingClientRect();
const sx = canvas.width / c.width, sy = canvas.height / c.height;
const data = canvas.getContext('2d').getImageData(Math.round((x - r - c.left) * sx), Math.round((y - r - c.top) * sy),
                                                   Math.round(2 * r * sx), Math.round(2 * r * sy)).data;
let n = 0;
for (let i = 3; i < data.length; i += 4) if (data[i] > 100) n++;
return n;
"""

# Whether the links canvas has a dashed run in the colour given: a column (or row) of pixels of
# that colour over 40 px or more, broken by gaps at least twice.
DASHED = """
const [canvas, rgb] = arguments;
const {width: w, height: h} = canvas;
const data = canvas.getContext('2d').getImageData(0, 0, w, h).data;
const near = (i) => data[i + 3] > 100 && Math.abs(data[i] - rgb[0]) + Math.abs(data[i + 1] - rgb[1]) + Math.abs(data[i + 2] - rgb[2]) < 90;
const dashed = (n, at) => {
  let runs = 0, first = -1, last = -1, on = false;
  for (let k = 0; k < n; k++) {
    const hit = near(at(k));
    if (hit && !on) { runs++; if (first < 0) first = k; }
    if (hit) last = k;
    on = hit;
  }
  return runs >= 3 && last - first >= 40;
};
for (let x = 0; x < w; x++) if (dashed(h, (y) => (y * w + x) * 4)) return true;
for (let y = 0; y < h; y++) if (dashed(w, (x) => (y * w + x) * 4)) return true;
return false;
"""


def drag_link(app, source, target) -> None:
    """Hovers the source bar (its connectors show), drags its finish connector to the left half
    of the target bar and lets go."""
    key, kind = source.get_attribute("data-key"), source.get_attribute("data-kind")
    ActionChains(app.driver).move_to_element(source).pause(0.3).perform()
    connector = app.wait("roadmap-connector", "the finish connector of the hovered bar", key=key, kind=kind, side="end")
    width = target.size["width"]
    ActionChains(app.driver).click_and_hold(connector).move_by_offset(6, 4).pause(0.1).move_to_element_with_offset(
        target, -max(1, int(width / 4)), 0
    ).pause(0.3).release().perform()


def test_drag_a_link_between_two_bars_see_the_arrow_and_undo_it(app):
    show_roadmap(app)
    app.click("roadmap-zoom-month", "the month zoom")
    open_stages = {"draft", "planned", "submitted_to_cab", "approved", "build"}
    keys = {r["key"] for r in app.invoke("list_releases")["ok"] if r["status"] in open_stages}
    # A test phase of an open release, and a phase of another release starting after it ends:
    # linking them closes no cycle.
    pairs = [
        (source, target)
        for source_kind in ("test", "build", "planning")
        for source in bars_on_screen(app, source_kind)
        if source.get_attribute("data-key") in keys and source.size["width"] >= 24
        for kind in ("build", "planning", "test", "cab", "deployment")
        for target in bars_on_screen(app, kind)
        if target.get_attribute("data-key") != source.get_attribute("data-key")
        and target.get_attribute("data-start") > source.get_attribute("data-end")
        and target.size["width"] >= 24
    ]
    assert pairs, "no test phase of an open release on screen with a later phase of another release"
    source, target = pairs[0]
    a, b = source.get_attribute("data-key"), target.get_attribute("data-key")
    tk = target.get_attribute("data-kind")
    sk = source.get_attribute("data-kind")
    before = dependencies_of(app, a)
    assert arrow_between(app, f"{a}|{sk}", f"{b}|{tk}") is None

    drag_link(app, source, target)
    popover = app.wait("roadmap-link", "the popover confirming the link after the drop")
    assert app.text_of("roadmap-link-from") == f"{a} {sk}"
    assert app.text_of("roadmap-link-to") == f"{b} {tk}"
    # Finish connector onto the start half: finish to start.
    assert app.wait("roadmap-link-kind").get_attribute("value") == "fs"
    assert "can start once" in app.text_of("roadmap-link-summary"), app.text(popover)
    app.screenshot(app.artifacts / "roadmap-link-popover.png")
    assert dependencies_of(app, a) == before, "nothing is written before Add"

    app.click("roadmap-link-add", "Add dependency")
    app.wait_until(lambda: not app.all("roadmap-link"), "the popover did not close after Add")
    app.wait_until(lambda: arrow_between(app, f"{a}|{sk}", f"{b}|{tk}"), "the new arrow is not drawn")
    # Painted: its arrowhead sits at the start of the target bar, at its middle.
    target = app.wait("roadmap-bar", "the target bar", key=b, kind=tk)
    box = target.rect
    inked = app.driver.execute_script(
        INKED_NEAR, app.wait("roadmap-links"), box["x"] - 3, box["y"] + box["height"] / 2, 4
    )
    assert inked > 4, f"no arrowhead painted at the start of {b} {tk} ({inked} pixels)"
    added = {"from": {"release": a, "milestone": sk}, "to": {"release": b, "milestone": tk}, "kind": "fs", "lag_days": 0}
    assert added in dependencies_of(app, a)
    app.screenshot(app.artifacts / "roadmap-link-added.png")

    app.wait_until(lambda: app.wait("undo").is_enabled(), "Undo stays disabled after the link")
    app.click("undo", "Undo")
    app.wait_until(lambda: dependencies_of(app, a) == before, "Undo did not remove the dependency")
    app.wait_until(lambda: arrow_between(app, f"{a}|{sk}", f"{b}|{tk}") is None, "the arrow stays after Undo")


INSIDE = """
const [el, scroller] = arguments;
const r = el.getBoundingClientRect(), s = scroller.getBoundingClientRect();
return r.width > 0 && r.left >= s.left && r.right <= s.right && r.top >= s.top && r.bottom <= s.bottom;
"""

SCROLL_TO_ROW = """
const [scroller, line] = arguments;
scroller.scrollTop = Math.max(0, line * 32 - scroller.clientHeight / 3);
scroller.dispatchEvent(new Event('scroll'));
"""


def line_of(layout: dict, row: int) -> int:
    """The roadmap line a row is drawn on: each group is a header line, then its rows."""
    line = 0
    for group in layout["groups"]:
        line += 1
        if row in group["rows"]:
            return line + group["rows"].index(row)
        line += len(group["rows"])
    raise AssertionError(f"row {row} is in no group")


def test_implied_links_are_dashed_and_a_stub_scrolls_to_the_other_end(app):
    show_roadmap(app)
    app.click("roadmap-zoom-quarter", "the quarter zoom")
    layout = app.invoke("roadmap", {"baseline": None})["ok"]
    assert layout["ci_arrows"], "the demo's configuration items imply no link"
    assert "Implied by configuration items (dashed)" in app.text_of("roadmap-legend-implied")
    # Bring the downstream end of an implied link on screen: its arrow, or its stub, is dashed.
    link = layout["ci_arrows"][0]
    up, down = layout["rows"][link["from_row"]]["key"], layout["rows"][link["to_row"]]["key"]
    scroller = app.wait("roadmap-scroller")
    app.driver.execute_script(SCROLL_TO_ROW, scroller, line_of(layout, link["to_row"]))
    app.wait_until(
        lambda: arrow_between(app, f'{up}|{link["from_kind"]}', f'{down}|{link["to_kind"]}'),
        f"no arrow or stub for {up} → {down}",
    )
    assert ":implied" in arrow_between(app, f'{up}|{link["from_kind"]}', f'{down}|{link["to_kind"]}')
    # Painted in the implied links' teal, dashed.
    teal = [0x0B, 0x65, 0x5B]
    assert app.driver.execute_script(DASHED, app.wait("roadmap-links"), teal), f"the implied link {up} → {down} is not dashed"
    app.screenshot(app.artifacts / "roadmap-implied.png")

    # A stub's label takes you to its other end, and focuses it.
    label = app.wait_until(
        lambda: next((e for e in app.all("roadmap-stub-label") if app.driver.execute_script(INSIDE, e, scroller)), None),
        "no stub label on screen",
    )
    key, kind = label.get_attribute("data-key"), label.get_attribute("data-kind")
    app.screenshot(app.artifacts / "roadmap-stub.png")
    label.click()
    app.wait_until(
        lambda: app.driver.execute_script(
            "const a = document.activeElement; return a && a.dataset.key === arguments[0] && a.dataset.kind === arguments[1]",
            key,
            kind,
        ),
        f"the stub's label did not bring {key} {kind} into focus",
    )

    # The release pane lists the link, read-only.
    search_for(app, down).click()
    implied = app.wait("dependency-implied", f"{up} upstream of {down} in the release pane", key=up)
    assert implied.get_attribute("data-direction") == "upstream"
    assert " depends on " in app.text(implied)
