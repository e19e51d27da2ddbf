"""The forward schedule exported by the real `runway` CLI, read back by other programs' readers.

Python's `icalendar` parses the file and `recurring_ical_events` expands its recurrences (with the
file's own VTIMEZONE and RRULE/EXDATE); the instances must be exactly the ones Runway shows for the
same days (`runway calendar --json`): the windows' occurrences, the deployments and the CAB dates.
The range crosses the end of British Summer Time and a recurring window runs across midnight, so
the time zone handling is checked as well as the rules.

Environment: RUNWAY_CLI (default: beside RUNWAY_APP, else $CARGO_TARGET_DIR or ./target, debug/runway).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events

ROOT = Path(__file__).resolve().parents[2]
ZONE = "Europe/London"
FROM, TO = dt.date(2027, 3, 1), dt.date(2027, 5, 16)  # across 28 Mar 2027, the start of BST


def cli_binary() -> Path:
    if os.environ.get("RUNWAY_CLI"):
        return Path(os.environ["RUNWAY_CLI"])
    if os.environ.get("RUNWAY_APP"):
        return Path(os.environ["RUNWAY_APP"]).with_name("runway")
    target = Path(os.environ.get("CARGO_TARGET_DIR") or ROOT / "target")
    return target / "debug" / "runway"


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("ics")
    env = {**os.environ, "RUNWAY_SETTINGS_DIR": str(tmp / "settings")}
    db = tmp / "plan.runway"

    def run(*args: str) -> str:
        out = subprocess.run([str(cli_binary()), "--as", "ICS test <ics@example.com>", *args],
                             capture_output=True, text=True, env=env)
        assert out.returncode == 0, f"runway {' '.join(args)}: {out.stderr}"
        return out.stdout

    run("demo", "--db", str(db), "--releases", "40", "--today", "2026-11-22")
    run("timezone", "--db", str(db), ZONE)
    run("windows", "--db", str(db), "add", "Prod nights; Tue, Thu", "--kind", "green_zone",
        "--start", "2027-03-02 22:00", "--end", "2027-03-03 02:00", "--env", "Prod",
        "--rrule", "FREQ=WEEKLY;BYDAY=TU,TH", "--except", "2027-04-01 22:00",
        "--reason", "Agreed with the service owners, \"low traffic\"")
    run("windows", "--db", str(db), "add", "Quarter-end close", "--kind", "blackout",
        "--start", "2027-03-29", "--end", "2027-04-01", "--all-day",
        "--rrule", "FREQ=MONTHLY;INTERVAL=3;COUNT=4")
    run("windows", "--db", str(db), "add", "Patch Sunday", "--kind", "maintenance",
        "--start", "2027-03-07 06:00", "--end", "2027-03-07 09:30",
        "--rrule", "FREQ=MONTHLY;BYDAY=1SU;UNTIL=20280101T000000Z")
    # Typed in the spring-forward gap: 01:30 never happens on 28 March 2027.
    run("windows", "--db", str(db), "add", "Night patching", "--kind", "maintenance",
        "--start", "2027-03-28 01:30", "--end", "2027-03-28 03:30",
        "--rrule", "FREQ=DAILY;COUNT=5", "--except", "2027-03-31 01:30")
    ics = tmp / "schedule.ics"
    run("calendar", "--db", str(db), "--ics", str(ics))
    view = json.loads(run("calendar", "--db", str(db), "--from", FROM.isoformat(), "--to", TO.isoformat(), "--json"))
    return {"run": run, "db": db, "ics": ics, "view": view, "tmp": tmp}


def local(value) -> dt.datetime:
    """An instance's time on the plan's wall clock (whole days at midnight)."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            return value
        return value.astimezone(ZoneInfo(ZONE)).replace(tzinfo=None)
    return dt.datetime.combine(value, dt.time())


def theirs(path: Path) -> set[tuple[str, dt.datetime, dt.datetime]]:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    start = dt.datetime.combine(FROM, dt.time(), ZoneInfo(ZONE))
    end = dt.datetime.combine(TO + dt.timedelta(days=1), dt.time(), ZoneInfo(ZONE))
    out = set()
    for e in recurring_ical_events.of(cal).between(start, end):
        if str(e.get("STATUS", "")).upper() == "CANCELLED":
            continue
        out.add((str(e["SUMMARY"]), local(e["DTSTART"].dt), local(e["DTEND"].dt)))
    return out


def ours(view: dict) -> set[tuple[str, dt.datetime, dt.datetime]]:
    p = dt.datetime.fromisoformat
    out = {(b["window"], p(b["start"]), p(b["end"])) for b in view["bands"]}
    out |= {(f"Deploy {d['release']}: {d['title']}", p(d["start"]), p(d["end"])) for d in view["deployments"]}
    titles = {d["release"]: d["title"] for d in view["deployments"]}
    for m in view["milestones"]:
        if m["kind"] == "cab" and m["release"] in titles:
            end = dt.date.fromisoformat(m["end"]) + dt.timedelta(days=1)
            out.add((f"CAB {m['release']}: {titles[m['release']]}", p(m["start"]), dt.datetime.combine(end, dt.time())))
    return out


def test_other_readers_expand_the_export_to_the_instances_runway_shows(plan):
    mine, other = ours(plan["view"]), theirs(plan["ics"])
    # CAB dates of releases with no deployment in the range are in the file too; compare the
    # events Runway's view names.
    names = {n for n, _, _ in mine}
    other = {e for e in other if e[0] in names or not e[0].startswith("CAB ")}
    assert mine == other, f"only Runway: {sorted(mine - other)}\nonly the readers: {sorted(other - mine)}"
    kinds = {n for n, _, _ in mine}
    assert {"Prod nights; Tue, Thu", "Quarter-end close", "Patch Sunday", "Night patching"} <= kinds
    nights = sorted(s for n, s, _ in mine if n == "Prod nights; Tue, Thu")
    # 22:00 on the wall clock before and after the clocks go forward; the excepted Thursday is gone.
    assert dt.datetime(2027, 3, 25, 22) in nights and dt.datetime(2027, 3, 30, 22) in nights
    assert dt.datetime(2027, 4, 1, 22) not in nights
    # The window typed in the gap (01:30 that night is the jump's instant, 02:30 BST, and reads as
    # typed, here and in the readers'), then the typed 01:30 on the other days, not an hour later,
    # the excepted Wednesday left out.
    patching = sorted(s for n, s, _ in mine if n == "Night patching")
    assert patching == [dt.datetime(2027, 3, 28, 1, 30), dt.datetime(2027, 3, 29, 1, 30),
                        dt.datetime(2027, 3, 30, 1, 30), dt.datetime(2027, 4, 1, 1, 30)], patching
    assert any(n.startswith("Deploy ") for n in kinds)


def test_the_file_is_well_formed_rfc_5545(plan):
    raw = plan["ics"].read_bytes()
    lines = raw.split(b"\r\n")
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-2] == b"END:VCALENDAR" and lines[-1] == b""
    assert all(len(line) <= 75 for line in lines), max(lines, key=len)
    assert b"\n" not in raw.replace(b"\r\n", b"")
    cal = icalendar.Calendar.from_ical(raw)
    events = [c for c in cal.walk("VEVENT")]
    assert all(e.get("UID") and e.get("DTSTAMP") is not None and e.get("SEQUENCE") is not None for e in events)
    assert len({str(e["UID"]) for e in events}) == len(events)
    reason = next(e for e in events if str(e["SUMMARY"]) == "Prod nights; Tue, Thu")
    assert str(reason["DESCRIPTION"]).startswith('Agreed with the service owners, "low traffic"')
    assert cal.walk("VTIMEZONE")[0]["TZID"] == ZONE


def test_uids_are_stable_and_sequence_grows_when_the_object_changes(plan):
    run, db, tmp = plan["run"], plan["db"], plan["tmp"]

    def uids(path: Path) -> dict[str, tuple[str, int]]:
        cal = icalendar.Calendar.from_ical(path.read_bytes())
        return {str(e["SUMMARY"]): (str(e["UID"]), int(e["SEQUENCE"])) for e in cal.walk("VEVENT")}

    again = tmp / "again.ics"
    run("calendar", "--db", str(db), "--ics", str(again))
    before = uids(plan["ics"])
    assert uids(again) == before
    run("windows", "--db", str(db), "remove", "Patch Sunday")
    run("windows", "--db", str(db), "add", "Patch Sunday", "--kind", "maintenance",
        "--start", "2027-03-07 07:00", "--end", "2027-03-07 09:30", "--rrule", "FREQ=MONTHLY;BYDAY=1SU")
    changed = tmp / "changed.ics"
    run("calendar", "--db", str(db), "--ics", str(changed))
    after = uids(changed)
    assert after["Patch Sunday"][0] == before["Patch Sunday"][0], "the same window keeps its UID"
    assert after["Patch Sunday"][1] > before["Patch Sunday"][1], "and its SEQUENCE grows"
    assert after["Prod nights; Tue, Thu"] == before["Prod nights; Tue, Thu"]


def test_runways_reader_takes_back_what_it_wrote_and_refuses_a_broken_file(plan):
    run, tmp = plan["run"], plan["tmp"]
    other = tmp / "other.runway"
    run("demo", "--db", str(other), "--releases", "12", "--today", "2026-11-22")
    run("timezone", "--db", str(other), ZONE)
    # The windows only, written out again by python-icalendar (another program's writer).
    src = icalendar.Calendar.from_ical(plan["ics"].read_bytes())
    cal = icalendar.Calendar()
    for key in ("PRODID", "VERSION"):
        cal.add(key, src[key])
    for tz in src.walk("VTIMEZONE"):
        cal.add_component(tz)
    for e in src.walk("VEVENT"):
        if str(e["SUMMARY"]) in ("Prod nights; Tue, Thu", "Quarter-end close", "Patch Sunday"):
            cal.add_component(e)
    windows_only = tmp / "windows.ics"
    windows_only.write_bytes(cal.to_ical())
    out = run("windows", "--db", str(other), "import", str(windows_only), "--kind", "freeze")
    assert "imported 3 freeze windows" in out, out
    broken = tmp / "broken.ics"
    broken.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\nDTSTART:2027-13-01\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", newline="")
    res = subprocess.run([str(cli_binary()), "windows", "--db", str(other), "import", str(broken), "--kind", "freeze"],
                         capture_output=True, text=True, env={**os.environ, "RUNWAY_SETTINGS_DIR": str(tmp / "settings")})
    assert res.returncode == 1 and "line 5" in res.stderr, res.stderr
