"""No script from data, outside the page (issue 19, item 3): the payloads of
tests/fixtures/xss/payloads.txt in every text field of a plan (tests/fixtures/xss/document.py, CR/LF
ones in every release title and person's name), then what the real `runway` CLI writes from it:

- PDF reports (release, quarterly, poster): `pdftotext` shows the payloads as the text they are;
- CSV (releases, milestones, RFCs, people, matrix): no cell starts a formula (= + - @ tab CR);
- iCalendar: RFC 5545 lines only, `icalendar` reads each window's name and reason back whole, and a
  CR/LF in them never starts a property or component;
- .eml (`runway outbox export`): a CR/LF in a subject or a name never makes a new header.

Environment: RUNWAY_CLI (default: beside RUNWAY_APP, else $CARGO_TARGET_DIR or ./target, debug/runway).
"""

from __future__ import annotations

import csv
import email
import email.policy
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "xss"))
import document  # noqa: E402

TODAY = "2026-11-22"
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def cli_binary() -> Path:
    if os.environ.get("RUNWAY_CLI"):
        return Path(os.environ["RUNWAY_CLI"])
    if os.environ.get("RUNWAY_APP"):
        return Path(os.environ["RUNWAY_APP"]).with_name("runway")
    target = Path(os.environ.get("CARGO_TARGET_DIR") or ROOT / "target")
    return target / "debug" / "runway"


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("xss")

    def run(*args: str) -> str:
        out = subprocess.run([str(cli_binary()), *args], capture_output=True, text=True, timeout=300,
                             env={**os.environ, "RUNWAY_SETTINGS_DIR": str(tmp / "settings")})
        assert out.returncode == 0, f"runway {' '.join(args[:3])}: {out.stderr}"
        return out.stdout

    demo = tmp / "demo.runway"
    run("demo", "--db", str(demo), "--releases", "10", "--today", TODAY)
    run("export", "--db", str(demo), "--out", str(tmp / "demo.json"))
    items = document.payloads()
    doc, figures = document.build(json.loads((tmp / "demo.json").read_text(encoding="utf-8")), items)
    crlf = [p for p in items if ("\r" in p or "\n" in p) and len(p) <= 200]
    for i, r in enumerate(doc["releases"]):
        r["title"] = crlf[i % len(crlf)]
    for i, p in enumerate(doc["people"]):
        p["name"] = crlf[(i + 1) % len(crlf)]
    (tmp / "xss.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    db = tmp / "xss.runway"
    run("import", "--db", str(db), str(tmp / "xss.json"))
    return {"run": run, "db": str(db), "tmp": tmp, "doc": doc, "items": items, "figures": figures}


def squash(text: str) -> str:
    """Text as pdftotext gives it back, compared without white space or control characters."""
    return re.sub(r"[\s\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]", "", text)


def test_every_payload_is_in_the_plan(plan):
    assert len(plan["items"]) >= 150
    assert plan["figures"]["placed"] == len(plan["items"]), plan["figures"]
    exported = plan["tmp"] / "back.json"
    plan["run"]("export", "--db", plan["db"], "--out", str(exported))
    back = exported.read_text(encoding="utf-8")
    missing = [p for p in plan["items"] if json.dumps(p, ensure_ascii=False)[1:-1] not in back]
    assert not missing, f"{len(missing)} payloads did not survive the import: {missing[:3]}"


def pdf_text(plan, name: str, *args: str) -> str:
    out = plan["tmp"] / f"{name}.pdf"
    plan["run"]("report", "--db", plan["db"], "--out", str(out), *args)
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(out), "-"], capture_output=True, text=True, check=True).stdout


def test_pdf_reports_show_the_payloads_as_text(plan):
    checked = 0
    for r in plan["doc"]["releases"][:4]:
        text = squash(pdf_text(plan, r["key"], "release", "--release", r["key"]))
        for field in ("title", "acceptance_criteria", "backout_plan"):
            value = squash(r[field])[:300]
            assert value in text, f"{r['key']} {field}: {value[:80]!r} not in the PDF"
            checked += 1
    quarterly = squash(pdf_text(plan, "quarterly", "quarterly", "--period", "2026-Q4"))
    poster = squash(pdf_text(plan, "poster", "poster", "--from", "2026-10-01", "--to", "2027-03-31", "--fit-one-page"))
    for text in (quarterly, poster):
        assert "<" in text and ("onerror" in text or "alert" in text), text[:200]
    print(f"PDF: {checked} fields found literally in the release reports")


def cells(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def test_no_csv_cell_starts_a_formula(plan):
    tmp, run, db = plan["tmp"], plan["run"], plan["db"]
    files = []
    for table in ("releases", "milestones", "rfcs"):
        out = tmp / f"{table}.csv"
        run("export", "--db", db, "--format", "csv", "--table", table, "--out", str(out))
        files.append(out)
    out = tmp / "people.csv"
    run("people", "--db", db, "export", str(out))
    files.append(out)
    seen, bad = 0, []
    for f in files:
        for row in cells(f)[1:]:
            for cell in row:
                seen += 1
                if cell.startswith(FORMULA) and not re.fullmatch(r"-?\d+(\.\d+)?", cell):
                    bad.append((f.name, cell[:60]))
    assert not bad, bad[:10]
    text = "".join(f.read_text(encoding="utf-8-sig") for f in files)
    for p in ("=1+1 179", "+1+1 180", "@SUM(1,1) 182"):
        assert "'" + p in text or p not in text, p
    print(f"CSV: {seen} cells, none starts a formula")


def test_ics_is_escaped_and_reads_back(plan):
    out = plan["tmp"] / "plan.ics"
    plan["run"]("calendar", "--db", plan["db"], "--ics", str(out))
    raw = out.read_bytes()
    assert b"\n" not in raw.replace(b"\r\n", b""), "a bare LF or CR in the file"
    lines = raw.decode("utf-8").split("\r\n")
    unfolded: list[str] = []
    for line in lines:
        if line.startswith((" ", "\t")) and unfolded:
            unfolded[-1] += line[1:]
        elif line:
            unfolded.append(line)
    for line in unfolded:
        assert re.match(r"^[A-Za-z0-9-]+[;:]", line), f"not a content line: {line[:80]!r}"
    names = [u.split(":", 1)[0].split(";", 1)[0].upper() for u in unfolded]
    assert names.count("BEGIN") == names.count("END")
    assert not any(n.startswith("X-INJ") for n in names)
    cal = icalendar.Calendar.from_ical(raw)
    summaries = {str(c.get("SUMMARY")) for c in cal.walk("VEVENT")}
    descriptions = "".join(str(c.get("DESCRIPTION", "")) for c in cal.walk("VEVENT"))
    found = 0
    for w in plan["doc"]["windows"]:
        assert any(w["name"] in s for s in summaries), w["name"][:60]
        found += 1
        if w["reason"] in descriptions:
            found += 1
    print(f"ICS: {len(unfolded)} lines, {found} window names and reasons read back whole")


HEADERS = {"from", "to", "cc", "subject", "date", "message-id", "mime-version", "content-type",
           "content-transfer-encoding", "auto-submitted", "x-runway-release", "x-runway-message",
           "reply-to", "sender", "in-reply-to", "references", "x-auto-response-suppress", "content-class",
           "x-runway-trigger", "content-disposition", "content-id", "x-mailer", "importance"}


def test_eml_headers_are_never_injected(plan):
    run, db, tmp = plan["run"], plan["db"], plan["tmp"]
    run("outbox", "--db", db, "overdue")
    run("outbox", "--db", db, "agenda", "--from", "2026-11-01", "--to", "2027-03-31")
    folder = tmp / "eml"
    folder.mkdir()
    run("outbox", "--db", db, "export", "--dir", str(folder))
    files = sorted(folder.glob("*.eml"))
    assert len(files) >= 3, files
    names = {p["name"] for p in plan["doc"]["people"]}
    for f in files:
        raw = f.read_bytes()
        head = raw.split(b"\r\n\r\n", 1)[0].decode("ascii")
        for line in head.split("\r\n"):
            if line[:1] in (" ", "\t"):
                continue
            name = line.split(":", 1)[0].lower()
            assert name in HEADERS, f"{f.name}: unexpected header line {line[:80]!r}"
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        assert "\n" not in str(msg["Subject"]) and "\r" not in str(msg["Subject"])
        assert msg["Bcc"] is None and msg["X-Injected"] is None
        for part in msg.walk():
            assert not any(k.lower().startswith("x-inj") for k in part.keys())
        shown = str(msg["To"]) + str(msg.get("Cc", ""))
        assert any(n.replace("\r", " ").replace("\n", " ").split()[0] in shown for n in names) or "@" in shown
    print(f"EML: {len(files)} messages, no header injected")
