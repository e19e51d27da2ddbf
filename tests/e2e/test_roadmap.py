"""The roadmap in the real app: drag a milestone, see the callouts, commit, undo; and the CAB
presentation mode, entered and left."""

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys


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


def test_drag_a_milestone_see_the_callouts_commit_and_undo(app):
    show_roadmap(app)
    app.click("roadmap-zoom-month", "the month zoom")
    bar = a_visible_test_bar(app)
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


def test_presentation_mode_is_entered_and_left(app):
    show_roadmap(app)
    app.click("roadmap-present", "the Present button")
    app.wait("presentation", "the presentation mode")
    heading = app.text_of("presentation-quarter", "the quarter heading")
    assert "Q" in heading, heading
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
