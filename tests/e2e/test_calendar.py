"""The forward schedule in the real app: the Calendar view of the demo plan, a freeze window added
through its form over a coming deployment, the conflict it makes marked on that deployment and its
day and listed beside the grid, and the release opened from the calendar.

DOM hooks (data-testid): `calendar`, `calendar-period` (data-mode, data-from, data-to),
`calendar-prev` / `calendar-next` / `calendar-today`, `calendar-mode-<month|quarter|week>`,
`calendar-zone`, `calendar-day` (data-date, data-today), `calendar-day-conflicts` (data-severity,
data-kinds), `calendar-event` (data-key, data-kind: deployment|cab|milestone, data-severity:
blocking|warning|none, data-conflict-kinds), `calendar-more`, `calendar-band` / `calendar-band-label`
(data-window, data-kind), `calendar-conflict` (data-kind, data-severity, data-releases) with
`calendar-conflict-open` (data-key), `calendar-lane` (data-environment, data-capacity) with
`calendar-booking` (data-id, data-source, data-release) and `calendar-book`, the filters
`calendar-filter-*`, and the forms `window-form` (`window-name`, `window-kind`, `window-start`,
`window-end`, `window-all-day`, `window-repeat`, `window-save`, `window-error-<field>`…) and
`booking-form` (`booking-purpose`, `booking-start`, `booking-end`, `booking-save`, `booking-remove`…).
"""

from __future__ import annotations

from datetime import date, timedelta

from selenium.webdriver.common.action_chains import ActionChains

from conftest import E2E_TODAY

FREEZE = "E2E change freeze"


def show_calendar(app) -> None:
    app.click("nav-calendar", "the Calendar item in the sidebar")
    app.wait("calendar-grid", "the calendar's grid")


def coming_deployment(app) -> dict:
    """The first deployment of the demo after today, still to be deployed and in no freeze yet."""
    today = date.fromisoformat(E2E_TODAY)
    result = app.invoke("calendar_view", {"from": str(today + timedelta(days=1)), "to": str(today + timedelta(days=90))})
    assert "ok" in result, f"calendar_view failed: {result.get('err')!r}"
    open_stages = {"planned", "submitted_to_cab", "approved", "build", "test", "awaiting_authorization", "authorized"}
    deployments = result["ok"]["deployments"]
    # A day cell shows its first three events (deployments first, by start): take one of those.
    rank = {d["release"]: sum(1 for o in deployments if o["start"][:10] == d["start"][:10] and (o["start"], o["release"]) < (d["start"], d["release"])) for d in deployments}
    frozen = {r for c in result["ok"]["conflicts"] if c["kind"] == "freeze" for r in c["releases"]}
    coming = [
        d
        for d in deployments
        if d["status"] in open_stages and d["start"][:10] > E2E_TODAY and rank[d["release"]] < 3 and d["release"] not in frozen
    ]
    assert coming, "the demo has no deployment in the 90 days after today"
    return coming[0]


def show_month_of(app, day: str) -> None:
    """Pages the calendar (Prev / Next) to the month that holds `day`."""
    for _ in range(36):
        shown = app.wait("calendar-period").get_attribute("data-from")[:7]
        if shown == day[:7]:
            app.wait("calendar-day", f"the day {day} in the grid", date=day)
            return
        app.click("calendar-next" if shown < day[:7] else "calendar-prev")
        app.wait_until(lambda: app.wait("calendar-period").get_attribute("data-from")[:7] != shown, "the month did not change")
    raise AssertionError(f"the calendar never showed {day[:7]}")


def event_of(app, key: str):
    return app.wait("calendar-event", f"the deployment of {key} in the calendar", key=key, kind="deployment")


def test_a_freeze_over_a_coming_deployment_blocks_it_in_the_calendar(app):
    d = coming_deployment(app)
    key, day = d["release"], d["start"][:10]
    show_calendar(app)
    zone = app.text_of("calendar-zone", "the plan's time zone in the header")
    assert zone.startswith("All times "), f"the header says {zone!r}"
    show_month_of(app, day)
    before = event_of(app, key)
    assert "freeze" not in (before.get_attribute("data-conflict-kinds") or ""), "a freeze already covers the deployment"
    # The deployment says when its window opens.
    assert d["start"][11:16] in app.text(before), f"the event reads {app.text(before)!r}, not its start {d['start'][11:16]}"

    try:
        # A new window from the deployment's day: a one-day freeze of the whole portfolio.
        # A click on the day itself (not on one of its events) focuses it.
        app.driver.execute_script("arguments[0].click()", app.wait("calendar-day", f"the day {day}", date=day))
        app.click("calendar-new-window", "New window…")
        app.wait("window-form", "the window form")
        app.type("window-name", FREEZE)
        app.set_value("window-kind", "freeze")
        app.type("window-reason", "Set by the end-to-end test")
        app.set_value("window-start", day)
        app.set_value("window-end", day)
        app.click("window-save", "Add window")
        app.wait_until(lambda: not app.all("window-form"), "the window form stays open")
        app.wait("calendar-band", "the freeze's band on the grid", window=FREEZE)

        # The deployment is now blocked by the freeze: red, and its day marked.
        app.wait_until(
            lambda: "freeze" in (event_of(app, key).get_attribute("data-conflict-kinds") or "").split(),
            f"the deployment of {key} does not show the freeze's conflict",
        )
        assert event_of(app, key).get_attribute("data-severity") == "blocking"
        mark = app.wait("calendar-day-conflicts", f"the conflict mark on {day}")
        marks = [m for m in app.all("calendar-day-conflicts") if "freeze" in (m.get_attribute("data-kinds") or "").split()]
        assert marks, f"no day carries a freeze conflict mark (first mark: {mark.get_attribute('data-kinds')!r})"
        assert all(m.get_attribute("data-severity") == "blocking" for m in marks)
        listed = [c for c in app.all("calendar-conflict") if c.get_attribute("data-kind") == "freeze"]
        assert any(key in (c.get_attribute("data-releases") or "").split() for c in listed), "the conflicts panel lists no freeze for it"

        # The release opens from the calendar.
        event_of(app, key).click()
        app.wait("release-detail", f"the release pane of {key}", key=key)
    finally:
        app.invoke("remove_window", {"name": FREEZE})


def test_the_calendar_switches_views_and_pages_with_the_keyboard(app):
    show_calendar(app)
    keys = lambda k: ActionChains(app.driver).send_keys(k).perform()  # noqa: E731 - to the focused element
    app.click("calendar-today", "Today")
    app.wait("calendar-day", "today's cell", today="true")
    keys("m")
    # The month of the plan's today (the core's, RUNWAY_TODAY here), once it has arrived.
    month = E2E_TODAY[:8] + "01"
    period = lambda: app.wait("calendar-period")  # noqa: E731
    app.wait_until(lambda: period().get_attribute("data-mode") == "month" and period().get_attribute("data-from") == month,
                   "the month of today")
    start = month
    keys("q")
    app.wait_until(lambda: app.wait("calendar-period").get_attribute("data-mode") == "quarter", "Q did not show the quarter")
    assert len(app.all("calendar-day")) >= 13 * 7
    keys("w")
    app.wait_until(lambda: len(app.all("calendar-day")) == 7, "W did not show a week")
    keys("m")
    app.wait_until(lambda: app.wait("calendar-period").get_attribute("data-mode") == "month", "M did not show the month")
    assert app.wait("calendar-period").get_attribute("data-from") == start
    app.click("calendar-next", "Next")
    app.wait_until(lambda: app.wait("calendar-period").get_attribute("data-from") != start, "Next did not page")
