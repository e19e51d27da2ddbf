"""First start: the app creates the demo plan and opens it."""

from flows import backend_keys, show_release_list

VIEWS = ["dashboard", "releases", "roadmap", "calendar", "matrix", "stakeholders", "reports", "settings"]


def test_first_start_opens_the_demo_plan(app):
    plan = app.text_of("plan-name", "the open plan's name")
    assert "demo" in plan.lower(), f"plan-name is {plan!r}; expected the demo plan"

    show_release_list(app)
    n = app.count()
    keys = backend_keys(app)
    assert n >= 30, f"release-count says {n}; the demo has about 40 releases"
    assert n == len(keys), f"release-count says {n} but the plan holds {len(keys)} releases"

    # The list is virtualized: only the rows in view exist, but some must.
    rows = app.wait_until(lambda: app.row_keys(), "no release-row in the release list")
    assert len(rows) >= 5, f"only {len(rows)} release-row elements drawn for {n} releases"
    assert len(rows) <= n
    unknown = [k for k in rows if k not in keys]
    assert not unknown, f"rows with data-key not in the plan: {unknown}"

    missing = [v for v in VIEWS if not app.all(f"nav-{v}")]
    assert not missing, f"sidebar items missing: {', '.join('nav-' + v for v in missing)}"
