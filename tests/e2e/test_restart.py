"""What was saved is there after the app restarts (same data dir)."""

from flows import KEY, TITLE, backend_keys, create_release, search_for, show_release_list


def test_a_created_release_survives_a_restart(app):
    if KEY not in backend_keys(app):  # when run alone
        create_release(app, KEY, TITLE)
    show_release_list(app)
    count = app.count()

    app.restart()

    plan = app.text_of("plan-name", "the open plan's name after restart")
    assert "demo" in plan.lower(), f"after restart plan-name is {plan!r}; expected the demo plan"
    show_release_list(app)
    assert app.count() == count, f"release-count was {count} before the restart, {app.count()} after"
    row = search_for(app, KEY)
    assert row.get_attribute("data-key") == KEY
