"""The release lifecycle in the real app: a demo release taken from Planned to Approved with a CAB
decision, a blocked step that says why, an edit undone, and the history that shows all of it.

The native confirmation dialog that guards every decision cannot be driven over WebDriver; the
debug build run with RUNWAY_E2E=1 answers it with yes (src-tauri/src/commands.rs, confirm::ask)."""

from flows import search_for

CAB = "robert.king@example.com"  # the demo's Change Manager, who sits on the CAB


def lifecycle(app, key: str) -> dict:
    result = app.invoke("release_lifecycle", {"key": key})
    assert "ok" in result, f"release_lifecycle {key} failed: {result.get('err')!r}"
    return result["ok"]


def submittable_planned_release(app) -> str:
    """A demo release in Planned whose submission gate is met now."""
    releases = app.invoke("list_releases")["ok"]
    for r in releases:
        if r["status"] != "planned":
            continue
        steps = lifecycle(app, r["key"])["assessment"]["steps"]
        if any(s["to"] == "submitted_to_cab" and s["allowed"] for s in steps):
            return r["key"]
    raise AssertionError("the demo holds no Planned release ready to submit to CAB")


def open_release(app, key: str) -> None:
    row = search_for(app, key)
    row.click()
    app.wait("release-detail", f"the detail pane of {key}", key=key)


def stage_is(app, status: str, what: str) -> None:
    app.wait("lifecycle", what, status=status)


def history_summaries(app) -> list[str]:
    return app.texts("history-item")


def test_a_release_goes_from_planned_to_approved_with_a_cab_decision(app):
    key = submittable_planned_release(app)
    open_release(app, key)
    stage_is(app, "planned", f"the lifecycle panel of {key} in Planned")

    app.click("move-submitted_to_cab", "the Submit to CAB step")
    stage_is(app, "submitted_to_cab", f"{key} in Submitted to CAB after the step")

    # The approval step waits for the CAB's decision and says so.
    blocked = app.text_of("blocked-approved", "why Approve is blocked")
    assert "CAB decided" in blocked, f"the Approve step says {blocked!r}"

    app.click("record-cab_decision", "the CAB decision button")
    app.wait("evidence-form", "the evidence form", type="cab_decision")
    # Nothing is pre-selected: the outcome is the user's choice.
    assert not app.wait("evidence-submit").is_enabled(), "Record is enabled before a decision is chosen"
    app.click("cab-approve", "Approve")
    app.set_value("evidence-by", CAB)
    app.type("evidence-reason", "Risk assessed; the schedule fits the forward schedule of changes.")
    app.type("evidence-conditions", "Deploy outside business hours.")
    app.click("evidence-submit", "Record")
    stage_is(app, "approved", f"{key} in Approved after the CAB's approval")

    state = lifecycle(app, key)
    kinds = [e["what"]["type"] for e in state["events"]]
    assert kinds[-3:] == ["transition", "cab_decision", "transition"], kinds
    decision = state["events"][-2]
    assert decision["by"] == CAB and decision["role"] == "change_manager", decision
    assert decision["conditions"] == "Deploy outside business hours.", decision

    app.wait_until(
        lambda: any("CAB decision: Approve" in t for t in history_summaries(app)),
        "the history does not show the CAB decision",
    )


def test_a_blocked_step_says_what_is_missing(app):
    key = submittable_planned_release(app)
    open_release(app, key)
    app.click("move-submitted_to_cab", "Submit to CAB")
    stage_is(app, "submitted_to_cab", f"{key} in Submitted to CAB")
    app.click("record-cab_decision", "the CAB decision button")
    app.click("cab-approve", "Approve")
    app.set_value("evidence-by", CAB)
    app.click("evidence-submit", "Record")
    stage_is(app, "approved", f"{key} in Approved")
    app.click("move-build", "Start build")
    stage_is(app, "build", "Build")
    app.click("move-test", "Start testing")
    stage_is(app, "test", "Test")

    blocked = app.wait("blocked-awaiting_authorization", "why Request authorization is blocked")
    codes = {li.get_attribute("data-code") for li in blocked.find_elements("css selector", "li")}
    assert {"test:functional", "test:user_acceptance", "backout_tested"} <= codes, codes
    assert "Functional test passed" in app.text(blocked)
    button = app.wait("move-awaiting_authorization")
    assert not button.is_enabled(), "Request authorization is clickable while blocked"

    # The core refuses it too, and names every unmet condition.
    refused = app.invoke("move_release", {"key": key, "input": {"to": "awaiting_authorization", "reason": "", "override_gate": False}})
    assert refused.get("err", {}).get("code") == "refused", refused
    assert {f["field"] for f in refused["err"]["fields"]} >= {"test:functional", "backout_tested"}, refused
    assert lifecycle(app, key)["assessment"]["status"] == "test"


def test_an_edit_is_undone_and_the_history_shows_it(app):
    key = submittable_planned_release(app)
    open_release(app, key)
    old_title = app.invoke("get_release", {"key": key})["ok"]["release"]["title"]
    new_title = old_title + " (rescoped)"

    app.click("edit-release", "the Edit button")
    app.type("field-title", new_title)
    app.click("save-release", "save")
    app.wait_until(
        lambda: app.invoke("get_release", {"key": key})["ok"]["release"]["title"] == new_title,
        "the new title was not saved",
    )
    app.wait_until(lambda: app.wait("undo").is_enabled(), "the Undo button stays disabled after an edit")

    app.click("undo", "Undo")
    app.wait_until(
        lambda: app.invoke("get_release", {"key": key})["ok"]["release"]["title"] == old_title,
        "Undo did not bring the old title back",
    )
    app.wait_until(
        lambda: any(old_title in app.text(d) for d in app.all("release-detail", key=key)),
        "the detail pane does not show the restored title",
    )
    app.wait_until(
        lambda: {i.get_attribute("data-kind") for i in app.all("history-item")} >= {"edit", "undo", "move", "created"},
        "the history does not show the edit, its undo, the moves and the creation",
    )
    # Redo brings the edit back.
    app.click("redo", "Redo")
    app.wait_until(
        lambda: app.invoke("get_release", {"key": key})["ok"]["release"]["title"] == new_title,
        "Redo did not re-apply the edit",
    )
