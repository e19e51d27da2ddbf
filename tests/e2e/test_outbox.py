"""The Outbox in the real app (D8): the mail server set through its dialog (the test SMTP server,
no security), a production release's deployment moved to the next free slot on its page (an edit
like any other, which makes a "Downtime scheduled" message with an invitation), the message shown
waiting for approval with its audience (Chen Wei, Deployment staff, Required), its subject edited,
approved, sent with "Send approved", shown as Sent, and the server holding exactly one message
whose Subject is the edited one.

DOM hooks (data-testid): `nav-outbox` with `outbox-badge`, `outbox`, `outbox-tab-<state>`,
`outbox-row` (data-id, data-state, data-trigger) with `outbox-tick`, `outbox-preview` (data-id),
`message-recipient` (data-email, data-role), `message-subject`, `message-edit`,
`message-subject-input`, `message-save`, `message-approve`, `message-state`, `outbox-send`,
`outbox-progress` (data-done, data-total, data-finished), `outbox-mail` and the dialog
`mail-dialog` with `mail-host`, `mail-port`, `mail-security`, `mail-save`.
"""

from __future__ import annotations

import email
import email.policy
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from conftest import E2E_TODAY
from flows import search_for

ROOT = Path(__file__).resolve().parents[2]
SERVER = ROOT / "crates" / "runway-mail" / "tests" / "smtp_server.py"
MOVABLE = {"planned", "submitted_to_cab", "approved", "build", "test", "awaiting_authorization", "authorized"}
SUBJECT = "E2E: payments maintenance moved, please confirm"


def production_deployment(app) -> dict:
    """A production deployment in the coming weeks whose release can still move."""
    today = date.fromisoformat(E2E_TODAY)
    view = app.invoke("calendar_view", {"from": str(today + timedelta(days=2)), "to": str(today + timedelta(days=120))})
    assert "ok" in view, f"calendar_view failed: {view.get('err')!r}"
    found = [d for d in view["ok"]["deployments"] if d["production"] and d["status"] in MOVABLE and d["start"][:10] > E2E_TODAY]
    assert found, "the demo has no movable production deployment in the coming weeks"
    return min(found, key=lambda d: (d["status"] != "planned", d["conflicts"], d["start"]))


def window_of(app, key: str) -> dict:
    return app.invoke("get_release", {"key": key})["ok"]["release"]["window"]


def messages(app, *states: str) -> list[dict]:
    result = app.invoke("outbox_messages", {"states": list(states)})
    assert "ok" in result, f"outbox_messages failed: {result.get('err')!r}"
    return result["ok"]


def open_message(app, mid: str) -> None:
    row = app.wait("outbox-row", f"the row of message {mid}", id=mid)
    row.find_element("css selector", '[data-testid="outbox-subject"]').click()
    app.wait("outbox-preview", f"the preview of message {mid}", id=mid)


def test_a_moved_production_window_is_told_edited_approved_and_sent(app, artifacts, tmp_path: Path):
    inbox = tmp_path / "inbox"
    server = subprocess.Popen([sys.executable, str(SERVER), "--port", "0", "--dir", str(inbox), "--stop-on-eof"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    d = production_deployment(app)
    key = d["release"]
    before = window_of(app, key)
    try:
        line = server.stdout.readline()
        assert line.startswith("ready "), f"the test SMTP server did not start: {line!r}"
        port = line.split()[1]

        # The mail server, through its dialog.
        app.click("nav-outbox", "the Outbox item in the sidebar")
        app.wait("outbox", "the Outbox view")
        app.click("outbox-mail", "Mail server…")
        app.wait("mail-dialog", "the mail server dialog")
        app.type("mail-host", "127.0.0.1")
        app.type("mail-port", port)
        app.set_value("mail-security", "none")
        assert app.wait("mail-password").get_attribute("value") == "", "the password field is pre-filled"
        app.click("mail-save", "Save")
        app.wait_until(lambda: not app.all("mail-dialog"), f"the mail dialog stays open: {app.visible_errors()}")
        saved = app.invoke("mail_settings")["ok"]
        assert saved["host"] == "127.0.0.1" and saved["port"] == int(port) and saved["security"] == "none", saved

        # Move the production deployment to the next free slot, on the release's page.
        known = {m["id"] for m in messages(app)}
        search_for(app, key).click()
        app.wait("release-detail", f"the release pane of {key}", key=key)
        app.click("next-slot", "Next free slot")
        app.wait("slot", "the proposed slots")
        # The first free slot may be where the deployment already is: take one that moves it.
        moving = [s for s in app.all("slot") if s.get_attribute("data-shift") not in ("0", None)]
        assert moving, f"no proposed slot moves {key}'s deployment"
        start = moving[0].get_attribute("data-start")
        moving[0].find_element("css selector", '[data-testid="slot-apply"]').click()
        app.wait_until(lambda: window_of(app, key)["start"] == start, f"the deployment of {key} did not move to {start}")
        new = [m for m in messages(app, "pending") if m["release"] == key and m["trigger"] == "downtime"]
        assert len(new) == 1, f"moving {key}'s production window made {new!r}; {[(m['id'], m['release'], m['trigger'], m['state']) for m in messages(app)]}; {d}"
        mid = str(new[0]["id"])

        # The Outbox shows it waiting for approval, with its audience.
        app.click("nav-outbox", "the Outbox item in the sidebar")
        assert int(app.wait("outbox-badge", "the outbox badge").text) >= 1
        app.click("outbox-tab-pending", "Pending approval")
        open_message(app, mid)
        app.wait("outbox-preview", "the preview", id=mid)
        chen = app.wait("message-recipient", "Chen Wei among the recipients", email="chen.wei@example.com")
        assert chen.get_attribute("data-role") == "REQ-PARTICIPANT", chen.get_attribute("data-role")
        words = app.text(chen)
        assert "Chen Wei" in words and "Required" in words and "Deployment staff" in words, words
        assert "invite.ics attached" in app.text_of("message-invite")

        # Edit the subject, approve, send.
        app.click("message-edit", "Edit")
        app.type("message-subject-input", SUBJECT)
        app.click("message-save", "Save")
        app.wait_until(lambda: app.texts("message-subject") == [SUBJECT], "the edited subject is not shown")
        app.screenshot(artifacts / "outbox.png")
        app.click("message-approve", "Approve")
        app.wait_until(lambda: app.invoke("outbox_message", {"id": int(mid)})["ok"]["state"] == "approved", "not approved")
        app.click("outbox-send", "Send approved")
        app.wait("outbox-progress", "the progress bar", finished="true")
        app.click("outbox-tab-sent", "Sent")
        open_message(app, mid)
        app.wait_until(lambda: app.texts("message-state") == ["Sent"], f"message {mid} is not shown as Sent")
        app.screenshot(artifacts / "outbox-sent.png")

        received = sorted(inbox.glob("*.eml"))
        assert len(received) == 1, f"the server got {[p.name for p in received]}"
        msg = email.message_from_bytes(received[0].read_bytes(), policy=email.policy.default)
        assert msg["Subject"] == SUBJECT, msg["Subject"]
        assert "chen.wei@example.com" in {a.addr_spec for a in msg["To"].addresses}
    finally:
        if window_of(app, key) != before:
            app.invoke("apply_slot", {"key": key, "start": before["start"]})
        server.stdin.close()
        server.wait(timeout=10)
