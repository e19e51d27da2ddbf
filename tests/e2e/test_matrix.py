"""The responsibility matrix in the real app (issue 16): a second A set by keyboard on the demo's
deployment activity breaks its row (named on the row and in the header badge) and Delete fixes it;
a release awaiting authorization gets its own Release Owner from its page; and a sign-off recorded
by the wrong person is refused with the name of the one who signs (the demo's sponsor).

DOM hooks (data-testid): `matrix` (data-mode: sarci|raci, data-release), `matrix-cell`
(data-activity, data-role, data-code, data-row, data-col; the focused one has tabindex 0),
`matrix-row` (data-activity, data-broken), `matrix-row-error` (data-activity, data-rule),
`matrix-valid` / `matrix-invalid` (the badge, data-broken), `matrix-mode-sarci` / `matrix-mode-raci`,
`matrix-for`, `matrix-role` / `matrix-holders` (data-role), `matrix-legend`, `people`, `people-row`
(data-email), `people-role` (data-role, data-own), `assign-person`, `assign-role`, `assign-submit`;
on the release page `release-responsibilities`, `release-duty` (data-activity), `release-audience`,
`release-assign-<role>` with `release-assign-<role>-save`.
"""

from __future__ import annotations

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from flows import search_for

DEPLOY = "deploy"
SIGNER = "Eleanor Whitfield"  # the demo's sponsor, who holds the S of "Authorize deployment"


def keys(app, *k: str) -> None:
    """Keys pressed on the focused element, as a person types them."""
    ActionChains(app.driver).send_keys(*k).perform()


def show_matrix(app) -> None:
    app.click("nav-matrix", "the Matrix item in the sidebar")
    app.wait("matrix-cell", "the matrix's grid")


def cell(app, activity: str, role: str):
    return app.wait("matrix-cell", f"the cell {activity} × {role}", activity=activity, role=role)


def focused_cell(app) -> tuple[str, str]:
    el = app.driver.switch_to.active_element
    return (el.get_attribute("data-activity"), el.get_attribute("data-role"))


def row_errors(app, activity: str) -> list[str]:
    return [app.text(e) for e in app.all("matrix-row-error", activity=activity)]


def test_a_second_a_breaks_the_row_and_delete_fixes_it(app, artifacts):
    show_matrix(app)
    app.wait("matrix-valid", "the demo's matrix is valid")
    view = app.invoke("matrix_view", {"release": None})["ok"]
    roles = [r["key"] for r in view["matrix"]["roles"]]
    activities = [a["key"] for a in view["matrix"]["activities"]]
    accountable = [c["role"] for c in view["matrix"]["cells"] if c["activity"] == DEPLOY and c["code"] == "A"]
    assert len(accountable) == 1, accountable
    # A second A: on the Release Owner's cell of the deployment (not its A already).
    target = "release_owner" if accountable != ["release_owner"] else "release_manager"

    # Walk there with the arrows from the first cell.
    cell(app, activities[0], roles[0]).click()
    app.wait_until(lambda: focused_cell(app) == (activities[0], roles[0]), "the first cell has the focus")
    keys(app, *([Keys.ARROW_DOWN] * activities.index(DEPLOY)), *([Keys.ARROW_RIGHT] * roles.index(target)))
    app.wait_until(lambda: focused_cell(app) == (DEPLOY, target), f"the arrows did not reach {DEPLOY} × {target}")
    before = cell(app, DEPLOY, target).get_attribute("data-code")

    keys(app, "a")
    app.wait_until(lambda: cell(app, DEPLOY, target).get_attribute("data-code") == "A", "typing A did not set the cell")
    badge = app.wait("matrix-invalid", "the badge says a rule is broken")
    assert app.text(badge) == "1 rule broken", app.text(badge)
    errors = app.wait_until(lambda: row_errors(app, DEPLOY), "no broken rule shown on the deployment's row")
    names = {r["key"]: r["name"] for r in view["matrix"]["roles"]}
    assert "two roles are accountable" in errors[0], errors
    assert names[accountable[0]] in errors[0] and names[target] in errors[0], errors
    assert app.wait("matrix-row", activity=DEPLOY).get_attribute("data-broken") == "true"
    assert app.invoke("matrix_view", {"release": None})["ok"]["violations"], "the core does not see the broken rule"
    app.screenshot(artifacts / "matrix-broken-row.png")

    # Delete clears the cell (the first code there, if any, was not an A: put it back).
    keys(app, Keys.DELETE)
    app.wait_until(lambda: cell(app, DEPLOY, target).get_attribute("data-code") == "", "Delete did not clear the cell")
    if before:
        keys(app, before.lower())
        app.wait_until(lambda: cell(app, DEPLOY, target).get_attribute("data-code") == before, f"typing {before} did not restore the cell")
    app.wait("matrix-valid", "the matrix is valid again")
    assert row_errors(app, DEPLOY) == []
    assert app.invoke("matrix_view", {"release": None})["ok"]["violations"] == []

    # RACI shows the sponsor's S on "Authorize deployment" as A*.
    app.click("matrix-mode-raci", "RACI")
    signer = [c for c in view["matrix"]["cells"] if c["activity"] == "authorize" and c["code"] == "S"]
    assert signer, "the demo's authorization has no S"
    app.wait_until(lambda: app.text(cell(app, "authorize", signer[0]["role"])).strip() == "A*", "RACI does not show the S as A*")
    app.screenshot(artifacts / "matrix-raci.png")
    app.click("matrix-mode-sarci", "SARCI")


def awaiting_authorization(app) -> str:
    """A demo release in Awaiting authorization (the sign-off is what it waits for)."""
    releases = app.invoke("list_releases")["ok"]
    keys_ = [r["key"] for r in releases if r["status"] == "awaiting_authorization"]
    assert keys_, "the demo holds no release awaiting authorization"
    return keys_[0]


def test_a_release_gets_its_own_owner_and_a_wrong_signer_is_refused(app, artifacts):
    key = awaiting_authorization(app)
    people = app.invoke("list_people")["ok"]
    by_name = {p["person"]["name"]: p["person"]["email"] for p in people}
    assert SIGNER in by_name, f"the demo has no {SIGNER}"
    before = app.invoke("matrix_view", {"release": key})["ok"]
    owner = next(h for h in before["holders"] if h["role"] == "release_owner")["people"]
    current = {p["email"] for p in owner}
    # Someone who is not its owner yet, and does not sign.
    new_owner = next(p["person"] for p in people if "release_owner" in p["roles"] and p["person"]["email"] not in current)

    row = search_for(app, key)
    row.click()
    app.wait("release-detail", f"the page of {key}", key=key)
    app.wait("release-responsibilities", "the release's responsibilities")
    app.wait("release-audience", "who will be told when it deploys")
    told = app.text_of("release-audience-informed", "the informed")
    assert told and told != "—", f"nobody is informed when {key} deploys: {told!r}"

    app.set_value("release-assign-release_owner", new_owner["email"])
    app.click("release-assign-release_owner-save", "Assign the release's own Release Owner")
    app.wait_until(
        lambda: app.invoke("get_release", {"key": key})["ok"]["release"]["owner"] == new_owner["email"],
        f"{new_owner['name']} did not become the Release Owner of {key}",
    )
    holder = app.wait("release-holder", role="release_owner")
    app.wait_until(lambda: new_owner["name"] in app.text(app.wait("release-holder", role="release_owner")), "the page does not name the new owner")
    assert holder.get_attribute("data-own") == "true"
    view = app.invoke("matrix_view", {"release": key})["ok"]
    held = next(h for h in view["holders"] if h["role"] == "release_owner")["people"]
    assert [(p["email"], p["for_release"]) for p in held] == [(new_owner["email"], True)], held
    app.driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", app.wait("release-responsibilities"))
    app.screenshot(artifacts / "matrix-release-page.png")

    # A sign-off by the new owner (not the sponsor who signs) is refused, naming the sponsor.
    app.click("record-sign_off", "the sign-off button")
    app.wait("evidence-form", "the sign-off form", type="sign_off")
    signing = app.text_of("evidence-signing", "who signs")
    assert SIGNER in signing, signing
    assert app.wait("evidence-by").get_attribute("value") == by_name[SIGNER], "the form does not suggest the signer"
    app.click("signoff-authorize", "Authorize")
    app.set_value("evidence-by", new_owner["email"])
    app.type("evidence-reason", "Signed by the wrong person on purpose.")
    app.click("evidence-submit", "Record")
    refusal = app.wait_until(lambda: app.texts("evidence-error") or [e for e in app.visible_errors().values()] or [
        app.text(e) for e in app.all("evidence-form") if "Only " in app.text(e)
    ], "no refusal shown for the wrong signer")
    text = " ".join(refusal)
    assert SIGNER in text and new_owner["email"] in text, text
    assert app.invoke("release_lifecycle", {"key": key})["ok"]["assessment"]["status"] == "awaiting_authorization"
    app.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", app.wait("evidence-form"))
    app.screenshot(artifacts / "matrix-wrong-signer.png")

    # The matrix for this release names its own owner under the role.
    show_matrix(app)
    # The picker lists every release once it has the focus (it holds none while the view opens).
    app.driver.execute_script("arguments[0].focus()", app.wait("matrix-for"))
    app.wait_until(lambda: app.wait("matrix-for").get_attribute("data-full") == "true", "the picker's releases")
    app.set_value("matrix-for", key)
    app.wait_until(lambda: app.wait("matrix").get_attribute("data-release") == key, "the matrix for the release")
    app.wait_until(lambda: new_owner["name"] in app.text(app.wait("matrix-holders", role="release_owner")), "the matrix does not name the release's owner")
    app.screenshot(artifacts / "matrix-for-release.png")


def test_the_matrix_report_previews_in_raci_from_the_reports_form(app):
    app.click("nav-reports", "the Reports item in the sidebar")
    app.click("report-kind-matrix", "the Responsibility matrix choice")
    app.wait("report-scope", "the matrix's choices", scope="matrix")
    app.click("report-raci", "RACI")
    app.click("preview-report", "Preview")
    app.wait("report-page", "a page of the matrix report", timeout=60)
    title = app.text_of("report-preview", "the preview")
    assert "Responsibility matrix" in title and "RACI" in title, title[:200]
