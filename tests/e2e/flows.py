"""What a person does in the app, in steps the tests share."""

from __future__ import annotations

from harness import App

# The release the tests create through the form (and find again after a restart).
KEY = "REL-E2E.01"
TITLE = "E2E smoke release"

# A window far enough ahead that no demo date or clock skew makes it odd.
WINDOW_START = "2031-03-14T20:00"
WINDOW_END = "2031-03-14T22:00"


def backend_keys(app: App) -> list[str]:
    """The release keys the open plan holds, asked of the app itself (list_releases)."""
    result = app.invoke("list_releases")
    assert "ok" in result, f"list_releases failed: {result.get('err')!r}"
    return [r["key"] for r in result["ok"]]


def show_release_list(app: App) -> None:
    app.click("nav-releases", "the Releases item in the sidebar")
    app.wait("release-count", "the release list")


def open_new_release_form(app: App) -> None:
    show_release_list(app)
    app.click("new-release", "the new-release button")
    app.wait("field-key", "the new-release form")


def fill_release_form(app: App, key: str, title: str, start: str = WINDOW_START, end: str = WINDOW_END) -> None:
    app.type("field-key", key)
    app.type("field-title", title)
    app.set_value("field-window-start", start)
    app.set_value("field-window-end", end)


def save(app: App) -> None:
    app.click("save-release", "the form's save button")


def create_release(app: App, key: str, title: str) -> None:
    """Creates a release through the form and waits until the plan holds it."""
    open_new_release_form(app)
    fill_release_form(app, key, title)
    save(app)
    try:
        app.wait_until(lambda: key in backend_keys(app), f"{key} was not saved", timeout=20)
    except AssertionError as e:
        raise AssertionError(
            f"{e}; the form shows {app.visible_errors() or 'no field error'}, notice: {app.texts('notice') or 'none'}"
        ) from None


def search_for(app: App, key: str):
    """Types `key` into the release search and returns its row."""
    show_release_list(app)
    app.search(key)
    return app.wait("release-row", f"the row of {key} after searching for it", key=key)


def show_calendar(app: App) -> None:
    app.click("nav-calendar", "the Calendar item in the sidebar")
    app.wait("calendar-grid", "the calendar's grid")


def add_window(app: App, name: str, kind: str, first_day: str, last_day: str, reason: str = "Set by the end-to-end tests") -> None:
    """Adds an all-day change window (freeze, blackout, maintenance, green_zone) through the
    Calendar view's form, from `first_day` to `last_day` (YYYY-MM-DD), and waits until the plan holds it."""
    show_calendar(app)
    app.click("calendar-new-window", "New window…")
    app.wait("window-form", "the window form")
    app.type("window-name", name)
    app.set_value("window-kind", kind)
    app.type("window-reason", reason)
    app.set_value("window-start", first_day)
    app.set_value("window-end", last_day)
    app.click("window-save", "Add window")
    app.wait_until(lambda: not app.all("window-form"), f"the window form stays open (errors: {app.texts('window-error') or 'none'})")
    app.wait_until(
        lambda: any(w["name"] == name for w in app.invoke("list_windows").get("ok", [])),
        f"the window {name!r} was not saved",
    )
