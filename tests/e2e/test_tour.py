"""A newcomer's tour: say who you are, then look at every view.

These tests assert on the DOM; the fixture's screenshots are taken from the X display."""

VIEWS = ["dashboard", "releases", "roadmap", "calendar", "matrix", "stakeholders", "outbox", "reports", "settings"]
COMING = {
    "roadmap": "Critical path",
    "calendar": "freeze",
    "matrix": "SARCI",
    "stakeholders": "Distribution lists",
    "outbox": "Pending approval",
    "reports": "PDF",
}


def test_the_profile_set_in_settings_is_who_the_audit_log_records(app):
    app.click("nav-settings", "the Settings item")
    app.type("profile-name", "Zoë Ångström")
    app.type("profile-email", "zoe.angstrom@example.com")
    app.click("save-profile", "the profile's save button")
    app.wait_until(
        lambda: app.invoke("app_state").get("ok", {}).get("profile_is_default") is False,
        "the profile was not saved",
    )
    state = app.invoke("app_state")["ok"]
    assert state["profile"] == {"name": "Zoë Ångström", "email": "zoe.angstrom@example.com"}
    app.click("nav-releases")


def test_every_view_is_there_and_says_what_it_holds(app):
    for view in VIEWS:
        app.click(f"nav-{view}", f"the {view} item in the sidebar")
        word = COMING.get(view, "")
        app.wait_until(
            lambda: (text := app.driver.execute_script("return document.querySelector('main')?.innerText ?? ''"))
            and word.lower() in text.lower(),
            f"the {view} view shows nothing" + (f" or does not say what is coming ({word!r})" if word else ""),
        )
    app.click("nav-releases")
    rows = app.all("release-row")
    assert rows, "no release rows"
    rows[min(len(rows) - 1, 20)].click()
    app.wait("release-detail", "the detail pane after clicking a row")
