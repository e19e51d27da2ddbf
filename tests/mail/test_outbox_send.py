"""The outbox sent by the real `runway` CLI to a real SMTP server, and read back by other readers.

A production deployment window is moved with `runway slots --apply` (an edit like any other); the
message it makes is approved and sent with `runway outbox send` while no server listens (it stays
queued with the reason), then to Python's aiosmtpd on 127.0.0.1 (tests/smtp_server.py of
runway-mail), exactly once. Each message received is parsed by Python's `email` package (headers
decoded, the parts) and its invitation by `icalendar` (METHOD, UID, SEQUENCE, ORGANIZER, the
ATTENDEE roles hand-worked from the demo's matrix); a reschedule raises SEQUENCE on the same UID,
and cancelling the release sends METHOD:CANCEL. `runway outbox export` writes `.eml` files the
same reader opens.

Environment: RUNWAY_CLI (default: beside RUNWAY_APP, else $CARGO_TARGET_DIR or ./target, debug/runway).
"""

from __future__ import annotations

import email
import email.header
import email.policy
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import icalendar
import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVER = ROOT / "crates" / "runway-mail" / "tests" / "smtp_server.py"
KEY = "REL-2027.01.02"  # Identity & Access 3.7.0, Planned, deploys to Prod
MANAGER = "zoe.angstrom@example.com"
OWNER = "ines.moreau@example.com"
# The demo's matrix, row "Coordinate distribution and installation of releases": A Release Manager
# (this release's: Zoë, chair), R Deployment staff, C Build & test environment staff, I Test
# Managers, Release Owner (this release's: Ines), Change Manager, Early life support staff.
ROLES = {
    MANAGER: "CHAIR",
    "chen.wei@example.com": "REQ-PARTICIPANT",
    "fatima.zahra@example.com": "REQ-PARTICIPANT",
    "grace.mwangi@example.com": "OPT-PARTICIPANT",
    OWNER: "NON-PARTICIPANT",
    "dmitry.ivanov@example.com": "NON-PARTICIPANT",
    "sofia.papadopoulou@example.com": "NON-PARTICIPANT",
    "robert.king@example.com": "NON-PARTICIPANT",
    "jonas.lindqvist@example.com": "NON-PARTICIPANT",
}


def cli_binary() -> Path:
    if os.environ.get("RUNWAY_CLI"):
        return Path(os.environ["RUNWAY_CLI"])
    if os.environ.get("RUNWAY_APP"):
        return Path(os.environ["RUNWAY_APP"]).with_name("runway")
    target = Path(os.environ.get("CARGO_TARGET_DIR") or ROOT / "target")
    return target / "debug" / "runway"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def plan(tmp_path):
    env = {**os.environ, "RUNWAY_SETTINGS_DIR": str(tmp_path / "settings")}
    db = tmp_path / "plan.runway"

    def run(*args: str, ok: bool = True) -> subprocess.CompletedProcess:
        out = subprocess.run([str(cli_binary()), "--as", "Zoë Ångström <zoe.angstrom@example.com>", *args],
                             capture_output=True, text=True, env=env, timeout=120)
        if ok:
            assert out.returncode == 0, f"runway {' '.join(args)}: {out.stderr}"
        return out

    run("demo", "--db", str(db), "--releases", "40", "--today", "2026-11-22")
    return run, db, tmp_path


def messages(run, db, *states: str) -> list[dict]:
    args = ["outbox", "--db", str(db), "list", "--json"]
    for s in states:
        args += ["--state", s]
    return json.loads(run(*args).stdout)


def start_server(port: int, directory: Path) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, str(SERVER), "--port", str(port), "--dir", str(directory),
                             "--stop-on-eof"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    assert line.startswith("ready"), f"the test SMTP server did not start: {line!r}"
    return proc


def received(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.eml"), key=lambda p: int(p.stem))


def invitation(msg: email.message.EmailMessage) -> tuple[str, icalendar.Calendar]:
    parts = [p for p in msg.walk() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1, [p.get_content_type() for p in msg.walk()]
    method = parts[0].get_param("method")
    attachments = [p for p in msg.walk() if p.get_filename() == "invite.ics"]
    assert len(attachments) == 1 and attachments[0].get_content_type() == "application/ics"
    assert attachments[0].get_payload(decode=True) == parts[0].get_payload(decode=True)
    return method, icalendar.Calendar.from_ical(parts[0].get_payload(decode=True))


def event_of(cal: icalendar.Calendar) -> icalendar.Event:
    events = list(cal.walk("VEVENT"))
    assert len(events) == 1
    return events[0]


def test_queued_while_offline_sent_once_and_read_back(plan):
    run, db, tmp = plan
    run("slots", "--db", str(db), KEY, "--today", "2026-11-22", "--apply", "2")
    [m] = messages(run, db, "pending")
    assert m["trigger"] == "downtime" and m["release"] == KEY
    assert {r["email"]: r["role"] for r in m["recipients"]} == ROLES
    run("outbox", "--db", str(db), "approve", "--all")

    # No server: the message stays queued with the reason, and is not lost.
    port = free_port()
    out = run("outbox", "--db", str(db), "send", "--smtp", f"127.0.0.1:{port}", "--plain", ok=False)
    assert out.returncode != 0
    assert "Cannot reach the mail server" in out.stdout, out.stdout
    [failed] = messages(run, db, "failed")
    assert failed["id"] == m["id"] and failed["attempts"] == 1
    assert "Cannot reach the mail server" in failed["error"] and failed["next_attempt"]

    # The server comes up: "send now" sends it, once.
    inbox = tmp / "inbox"
    server = start_server(port, inbox)
    try:
        out = run("outbox", "--db", str(db), "send", "--smtp", f"127.0.0.1:{port}", "--plain", "--id", str(m["id"]))
        assert "1 sent, 0 failed" in out.stdout, out.stdout
        out = run("outbox", "--db", str(db), "send", "--smtp", f"127.0.0.1:{port}", "--plain")
        assert "0 sent, 0 failed" in out.stdout, out.stdout
        [first] = received(inbox)
        [sent] = messages(run, db, "sent")
        assert sent["reply"].startswith("250") and sent["sent_at"]

        envelope = json.loads(first.with_suffix(".json").read_text())
        assert sorted(envelope["rcpt_tos"]) == sorted(ROLES)
        msg = email.message_from_bytes(first.read_bytes(), policy=email.policy.default)
        assert msg["Message-ID"] == f"<{m['message_id']}>"
        assert msg["Date"] is not None
        assert KEY in msg["Subject"] and "—" in msg["Subject"], msg["Subject"]
        # Names split over two encoded-words are joined as RFC 2047 6.2 says: the `email` package's
        # address parser puts a space between them, its header decoder does not, so the names are
        # read from the raw header with the decoder.
        raw_to = email.message_from_bytes(first.read_bytes(), policy=email.policy.compat32)["To"]
        decoded = str(email.header.make_header(email.header.decode_header(raw_to.replace("\r\n", ""))))
        assert "Σοφία Παπαδοπούλου <sofia.papadopoulou@example.com>" in decoded, decoded
        names = {a.addr_spec: a.display_name for a in msg["To"].addresses}
        assert names["dmitry.ivanov@example.com"] == "Дмитрий Иванов"
        assert msg["From"].addresses[0].addr_spec == MANAGER
        body = msg.get_body(preferencelist=("plain",)).get_content()
        assert "Identity & Access 3.7.0" in body and "Before this change: Tue 16 Feb 2027 22:00" in body

        method, cal = invitation(msg)
        assert method == "REQUEST" and str(cal["METHOD"]) == "REQUEST"
        ev = event_of(cal)
        uid = str(ev["UID"])
        assert uid.startswith(f"deploy-{KEY}@") and int(ev["SEQUENCE"]) == 0
        assert str(ev["ORGANIZER"]) == f"mailto:{MANAGER}"
        attendees = ev["ATTENDEE"] if isinstance(ev["ATTENDEE"], list) else [ev["ATTENDEE"]]
        roles = {str(a).removeprefix("mailto:"): a.params["ROLE"] for a in attendees}
        assert roles == ROLES
        assert ev.decoded("DTSTART").isoformat() == "2027-02-18T22:00:00+00:00"

        # Rescheduled: the same meeting, SEQUENCE 1.
        run("slots", "--db", str(db), KEY, "--today", "2026-11-22", "--apply", "3")
        run("outbox", "--db", str(db), "approve", "--all")
        run("outbox", "--db", str(db), "send", "--smtp", f"127.0.0.1:{port}", "--plain")
        second = received(inbox)[1]
        method, cal = invitation(email.message_from_bytes(second.read_bytes(), policy=email.policy.default))
        ev = event_of(cal)
        assert (method, str(ev["UID"]), int(ev["SEQUENCE"])) == ("REQUEST", uid, 1)

        # Cancelled: METHOD:CANCEL, STATUS:CANCELLED, SEQUENCE 2, the same UID.
        run("release", "move", "--db", str(db), KEY, "--to", "cancelled", "--reason", "Descoped by the CAB")
        run("outbox", "--db", str(db), "approve", "--all")
        run("outbox", "--db", str(db), "send", "--smtp", f"127.0.0.1:{port}", "--plain")
        third = received(inbox)[2]
        msg = email.message_from_bytes(third.read_bytes(), policy=email.policy.default)
        method, cal = invitation(msg)
        ev = event_of(cal)
        assert (method, str(cal["METHOD"]), str(ev["STATUS"])) == ("CANCEL", "CANCEL", "CANCELLED")
        assert (str(ev["UID"]), int(ev["SEQUENCE"])) == (uid, 2)
        assert "Descoped by the CAB" in msg.get_body(preferencelist=("plain",)).get_content()
        assert len(received(inbox)) == 3
    finally:
        server.stdin.close()
        server.wait(timeout=10)

    # Every message as an .eml file, read by the same reader.
    out_dir = tmp / "eml"
    run("outbox", "--db", str(db), "export", "--dir", str(out_dir))
    files = sorted(out_dir.glob("*.eml"))
    assert len(files) == 3, files
    for f in files:
        msg = email.message_from_bytes(f.read_bytes(), policy=email.policy.default)
        assert msg["Message-ID"] and msg["Date"] and msg["Subject"] and msg["To"].addresses
    audit = run("audit", "--db", str(db)).stdout
    assert "send" in audit and "approve" in audit


def test_a_message_the_server_defers_is_tried_once_per_run_and_stays_queued(plan):
    run, db, tmp = plan
    # A list following the release holds an address the test server answers 451 (try later).
    run("people", "--db", str(db), "add", "busy.desk@example.com", "Busy Desk")
    run("lists", "--db", str(db), "add", "Desk", "--member", "busy.desk@example.com", "--follow", KEY)
    run("slots", "--db", str(db), KEY, "--today", "2026-11-22", "--apply", "2")
    [m] = messages(run, db, "pending")
    run("outbox", "--db", str(db), "approve", str(m["id"]))
    port = free_port()
    server = start_server(port, tmp / "inbox")
    try:
        for _ in range(2):  # "send now" on the deferred message: one try each run, never a loop
            out = run("outbox", "--db", str(db), "send", "--smtp", f"127.0.0.1:{port}", "--plain",
                      "--id", str(m["id"]), ok=False)
            assert "0 sent, 1 failed, 1 still queued" in out.stdout, out.stdout
        [failed] = messages(run, db, "failed")
        assert failed["attempts"] == 2 and "451 4.3.0 <busy.desk@example.com>" in failed["error"]
        assert received(tmp / "inbox") == []
    finally:
        server.stdin.close()
        server.wait(timeout=10)
