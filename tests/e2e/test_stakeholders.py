"""The Stakeholders view in the real app (issue 17): people imported from a CSV through the
test-only command (a file with a bad line first: refused naming the line, nothing changed; then a
good one), a distribution list made through the form that contains another list and follows an
application, shown as reaching every person once, and a cycle between the two refused in the
form, naming it, with nothing changed.

DOM hooks (data-testid): `stakeholders`, `stakeholders-people`, `person-row` (data-email) with
`person-role` (data-role) and `person-list` (data-list, data-direct), `people-import`,
`people-export`, `people-import-result` / `people-import-error` with `people-import-problem`;
`stakeholders-lists`, `list-new`, `list-card` (data-name) with `list-member` (data-kind: person,
list; data-value), `list-follow` (data-kind: release, application), `list-reach` (data-count),
`list-edit`; the form `list-form` (data-original) with `list-name`, `list-purpose`,
`list-member-pick` + `list-member-add`, `list-member-row` (data-kind, data-value) with
`list-member-remove`, `list-follow-pick` + `list-follow-add`, `list-follow-row`, `list-save`,
`list-cancel`, `list-remove`, and the refusals `list-error-<field>` (`name`, `members`,
`members[i]`, `follows[i]`, `remove`) and `list-error`.
"""

from __future__ import annotations

from pathlib import Path

PIONEERS = "E2E Pioneers"
BOARD = "E2E Release board"

BAD = """name,email,organisation
Grace Hopper,grace.hopper@example.net,US Navy
Alan Turing,alan at example.net,NPL
"""

GOOD = """name,email,organisation
Grace Hopper,grace.hopper@example.net,US Navy
Alan Turing,alan.turing@example.net,NPL
Katherine Johnson,katherine.johnson@example.net,NASA
"""


def show_stakeholders(app) -> None:
    app.click("nav-stakeholders", "the Stakeholders item in the sidebar")
    app.wait("stakeholders-lists", "the distribution lists")
    app.wait("person-row", "the people")


def emails(app) -> set[str]:
    return {p["person"]["email"] for p in app.invoke("list_people")["ok"]}


def lists(app) -> dict[str, dict]:
    return {entry["name"]: entry for entry in app.invoke("distribution_lists")["ok"]}


def in_card(app, name: str, testid: str) -> list:
    card = app.wait("list-card", f"the card of {name}", name=name)
    return card.find_elements("css selector", f'[data-testid="{testid}"]')


def new_list(app, name: str, purpose: str, members: list[str], follows: list[str]) -> None:
    """Makes a list through the form: `members` and `follows` are the pickers' values."""
    app.click("list-new", "New list…")
    app.wait("list-form", "the list form")
    app.type("list-name", name)
    app.type("list-purpose", purpose)
    for m in members:
        app.set_value("list-member-pick", m)
        app.click("list-member-add", f"Add {m}")
        app.wait("list-member-row", f"{m} among the members", value=m.split(":", 1)[1])
    for f in follows:
        app.set_value("list-follow-pick", f)
        app.click("list-follow-add", f"Follow {f}")
        app.wait("list-follow-row", f"{f} among the follows", value=f.split(":", 1)[1])
    app.click("list-save", "Add list")
    app.wait_until(lambda: not app.all("list-form"), f"the form did not close: {app.texts('list-error') or app.visible_errors()}")
    app.wait("list-card", f"the card of {name}", name=name)


def test_people_imported_lists_nested_and_a_cycle_refused(app, artifacts, tmp_path: Path):
    show_stakeholders(app)
    before = emails(app)
    assert "grace.hopper@example.net" not in before, "the demo already has the people this test imports"

    # A file with a bad line: refused, naming the line; nobody is added.
    bad = tmp_path / "people-bad.csv"
    bad.write_text(BAD)
    refused = app.invoke("import_people_csv_path", {"path": str(bad)})
    assert "err" in refused, refused
    message = refused["err"]["message"]
    assert "line 3" in message and "alan at example.net" in message and "nothing was imported" in message, message
    assert emails(app) == before, "a refused import changed the people"

    # The good file: three people added.
    good = tmp_path / "people.csv"
    good.write_text(GOOD)
    done = app.invoke("import_people_csv_path", {"path": str(good)})
    assert done.get("ok") == {"added": 3, "updated": 0, "unchanged": 0}, done
    exported = tmp_path / "exported.csv"
    assert app.invoke("export_people_csv_path", {"path": str(exported)}).get("ok") == str(exported)
    assert "katherine.johnson@example.net" in exported.read_text(encoding="utf-8-sig")

    # The page learns of an import it did not start when it loads again.
    app.reload()
    show_stakeholders(app)
    row = app.wait("person-row", "Grace Hopper's row", email="grace.hopper@example.net")
    assert "US Navy" in app.text(row), app.text(row)

    # A list of two people, then a list holding it, one more person and an application.
    application = app.invoke("catalog")["ok"]["applications"][0]
    new_list(app, PIONEERS, "Pioneers of computing", ["p:grace.hopper@example.net", "p:alan.turing@example.net"], [])
    new_list(app, BOARD, "Hears of every release of the application", [f"l:{PIONEERS}", "p:katherine.johnson@example.net"], [f"a:{application['code']}"])

    reach = in_card(app, BOARD, "list-reach")[0]
    app.wait_until(lambda: reach.get_attribute("data-count") == "3", "the board does not reach the three people")
    assert app.text(reach) == "reaches 3 people", app.text(reach)
    kinds = [(m.get_attribute("data-kind"), m.get_attribute("data-value")) for m in in_card(app, BOARD, "list-member")]
    assert kinds == [("list", PIONEERS), ("person", "katherine.johnson@example.net")], kinds
    follows = [(f.get_attribute("data-kind"), f.get_attribute("data-value"), app.text(f)) for f in in_card(app, BOARD, "list-follow")]
    assert len(follows) == 1 and follows[0][:2] == ("application", application["code"]), follows
    assert application["name"] in follows[0][2], follows
    reached = {p["email"] for p in app.invoke("list_reach", {"name": BOARD})["ok"]}
    assert reached == {"grace.hopper@example.net", "alan.turing@example.net", "katherine.johnson@example.net"}, reached
    # Grace is on the pioneers directly, on the board through them.
    grace = app.wait("person-row", email="grace.hopper@example.net")
    on = {(e.get_attribute("data-list"), e.get_attribute("data-direct")) for e in grace.find_elements("css selector", '[data-testid="person-list"]')}
    assert on == {(PIONEERS, "true"), (BOARD, "false")}, on
    app.screenshot(artifacts / "stakeholders.png")

    # The pioneers holding the board, which holds the pioneers: refused, the cycle named, nothing changed.
    saved = lists(app)
    edit = in_card(app, PIONEERS, "list-edit")[0]
    app.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", edit)
    edit.click()
    app.wait("list-form", "the form on the pioneers", original=PIONEERS)
    app.set_value("list-member-pick", f"l:{BOARD}")
    app.click("list-member-add", "Add the board")
    app.click("list-save", "Save list")
    error = app.text_of("list-error-members", "the cycle's refusal at the members")
    assert f"“{PIONEERS}” → “{BOARD}” → “{PIONEERS}”" in error and "cycle" in error, error
    assert app.all("list-form"), "the form closed on a refusal"
    assert lists(app) == saved, "a refused list changed the plan"
    app.screenshot(artifacts / "stakeholders-cycle.png")
    app.click("list-cancel", "Cancel")
    app.wait_until(lambda: not app.all("list-form"), "the form did not close")

    # Removing the pioneers while the board holds them: refused beside Remove, nothing changed.
    in_card(app, PIONEERS, "list-edit")[0].click()
    app.wait("list-form", "the form on the pioneers", original=PIONEERS)
    app.click("list-remove", "Remove list")
    refusal = app.text_of("list-error-remove", "the removal's refusal")
    assert BOARD in refusal, refusal
    assert lists(app) == saved
    app.screenshot(artifacts / "stakeholders-remove.png")
    app.click("list-cancel", "Cancel")
