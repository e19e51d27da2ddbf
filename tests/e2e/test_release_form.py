"""Creating a release through the form, and the form refusing bad values at their fields."""

import pytest

from flows import (
    KEY,
    TITLE,
    backend_keys,
    create_release,
    fill_release_form,
    open_new_release_form,
    save,
    search_for,
    show_release_list,
)


def test_create_a_release_through_the_form(app):
    show_release_list(app)
    before = app.count()
    assert KEY not in backend_keys(app), f"{KEY} exists before the test created it"

    create_release(app, KEY, TITLE)

    row = search_for(app, KEY)
    assert TITLE in app.text(row), f"the row of {KEY} reads {app.text(row)!r}"
    if not any(d.is_displayed() for d in app.all("release-detail", key=KEY)):
        row.click()  # the form may leave the new release open in the detail pane, or not
    app.wait("release-detail", f"the detail pane of {KEY}", key=KEY)
    app.wait_until(
        lambda: any(TITLE in app.text(d) for d in app.all("release-detail", key=KEY)),
        f"the detail pane of {KEY} does not show {TITLE!r}",
    )

    app.search("")
    app.wait_until(lambda: app.count() == before + 1, f"release-count is not {before + 1} after creating {KEY}")


def existing_key(app):
    keys = [k for k in backend_keys(app) if not k.startswith("REL-E2E")]
    assert keys, "the demo plan holds no release"
    return keys[0]


CASES = {
    # name: (key, title, window start, window end, the error that must show)
    "empty title": ("REL-E2E.BAD1", "", "2031-03-14T20:00", "2031-03-14T22:00", "error-title"),
    "window ends before it starts": ("REL-E2E.BAD2", "Backwards window", "2031-03-14T22:00", "2031-03-14T20:00", "error-window"),
    "duplicate key": (None, "Duplicate of a demo release", "2031-03-14T20:00", "2031-03-14T22:00", "error-key"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_bad_value_shows_its_message_and_saves_nothing(app, case):
    key, title, start, end, error = CASES[case]
    key = key or existing_key(app)
    keys_before = backend_keys(app)
    show_release_list(app)
    count_before = app.count()

    open_new_release_form(app)
    fill_release_form(app, key, title, start, end)
    save(app)

    message = app.text_of(error, f"{case}: the message at the field")
    assert message.strip(), f"{case}: {error} is shown but empty"

    assert backend_keys(app) == keys_before, f"{case}: the plan changed although the form was refused"
    assert app.count() == count_before, f"{case}: release-count changed"


def test_markup_in_a_title_is_shown_as_text(app):
    key, title = "REL-E2E.HTML", '<img src=x onerror="document.title=1"> <b>bold</b> & co'
    create_release(app, key, title)
    row = search_for(app, key)
    assert title in app.text(row), f"the row shows {app.text(row)!r}, not the literal title"
    assert not row.find_elements("css selector", "img, b"), "the title was parsed as HTML"
    app.search("")
