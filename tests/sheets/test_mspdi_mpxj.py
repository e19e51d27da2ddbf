"""Runway's MS Project XML read by an independent reader: MPXJ (the Java library MS Project's
file formats are read with by ProjectLibre and many others), through its Python package `mpxj`.

A demo plan, one release renamed with XML's special characters and other scripts, is exported by
the real `runway` CLI with `--format mspdi`. MPXJ's UniversalProjectReader must recognise the file
as MSPDI by itself and read: one task per release, milestone and deployment window (and the
project summary task); each release a summary task whose children are its milestones, by label,
and its window; milestone flags, planned and actual dates, the newest baseline; every dependency
of the plan as a predecessor relation of its type (FS, SS, FF, SF) with its lag in days.

Environment: RUNWAY_CLI (default: beside RUNWAY_APP, else $CARGO_TARGET_DIR or ./target,
debug/runway). Needs Java (deps: default-jre-headless) and the pinned `mpxj` and `JPype1`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LABELS = {
    "planning": "Planning",
    "build": "Build",
    "test": "Test",
    "cab": "CAB",
    "deployment": "Deployment",
    "early_life_support": "Early life support",
    "closure": "Closure",
}
KINDS = {"fs": "FS", "ss": "SS", "ff": "FF", "sf": "SF"}
TITLE = 'Payments <v2> & "fees" — Zoë, Дмитрий'


def cli_binary() -> Path:
    if os.environ.get("RUNWAY_CLI"):
        return Path(os.environ["RUNWAY_CLI"])
    if os.environ.get("RUNWAY_APP"):
        return Path(os.environ["RUNWAY_APP"]).with_name("runway")
    target = Path(os.environ.get("CARGO_TARGET_DIR") or ROOT / "target")
    return target / "debug" / "runway"


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    assert shutil.which("java"), "Java is not installed: run `make deps-test` (it installs default-jre-headless)"
    tmp = tmp_path_factory.mktemp("mspdi")
    env = {**os.environ, "RUNWAY_SETTINGS_DIR": str(tmp / "settings")}

    def run(*args: str) -> str:
        out = subprocess.run([str(cli_binary()), "--as", "MSPDI test <mspdi@example.com>", *args],
                             capture_output=True, text=True, env=env, timeout=120)
        assert out.returncode == 0, f"runway {' '.join(args)}: {out.stderr}"
        return out.stdout

    demo = tmp / "demo.runway"
    run("demo", "--db", str(demo), "--releases", "12", "--seed", "2027", "--today", "2026-11-22")
    run("export", "--db", str(demo), "--out", str(tmp / "demo.json"))
    doc = json.loads((tmp / "demo.json").read_text())
    doc["releases"][0]["title"] = TITLE
    (tmp / "named.json").write_text(json.dumps(doc))
    db = tmp / "named.runway"
    run("import", "--db", str(db), str(tmp / "named.json"))
    out = tmp / "plan.xml"
    run("export", "--db", str(db), "--format", "mspdi", "--out", str(out))
    # The plan as the file holds it (the import orders nothing away, but read it back to be sure).
    run("export", "--db", str(db), "--out", str(tmp / "plan.json"))
    doc = json.loads((tmp / "plan.json").read_text())
    return out, doc


@pytest.fixture(scope="module")
def project(exported):
    import jpype
    import mpxj  # noqa: F401  (puts MPXJ's jars on the class path)

    if not jpype.isJVMStarted():
        jpype.startJVM()
    from org.mpxj.reader import UniversalProjectReader

    path, _ = exported
    p = UniversalProjectReader().read(str(path))
    assert p is not None, "MPXJ did not recognise the file"
    return p


def day(d) -> date | None:
    return None if d is None else date(d.getYear(), d.getMonthValue(), d.getDayOfMonth())


def stamp(d) -> datetime | None:
    return None if d is None else datetime(d.getYear(), d.getMonthValue(), d.getDayOfMonth(), d.getHour(),
                                           d.getMinute())


def tasks_by_name(project, doc):
    """Each release's summary task by key, and each milestone's task by (key, kind)."""
    releases = {f"{r['key']} {r['title']}": r for r in doc["releases"]}
    out = {}
    for t in project.getTasks():
        r = releases.get(str(t.getName()))
        if r is None:
            continue
        out[(r["key"], None)] = t
        for c in t.getChildTasks():
            kind = next((k for k, label in LABELS.items() if label == str(c.getName())), None)
            if kind:
                out[(r["key"], kind)] = c
    return out


def test_mpxj_reads_it_as_mspdi_with_every_task(exported, project):
    _, doc = exported
    props = project.getProjectProperties()
    assert str(props.getFileType()) == "MSPDI"
    assert str(props.getProjectTitle()) == doc["name"]
    assert int(props.getMinutesPerDay()) == 480
    milestones = sum(len(r["milestones"]) for r in doc["releases"])
    windows = sum(1 for r in doc["releases"] if r.get("window"))
    assert project.getTasks().size() == 1 + len(doc["releases"]) + milestones + windows
    # The project summary task (UID 0) holds the releases, in key order.
    (root,) = list(project.getChildTasks())
    assert int(root.getUniqueID()) == 0 and root.getSummary()
    names = [str(t.getName()) for t in root.getChildTasks()]
    assert names == [f"{r['key']} {r['title']}" for r in sorted(doc["releases"], key=lambda r: r["key"])]
    assert f"{doc['releases'][0]['key']} {TITLE}" in names


def test_a_release_is_a_summary_task_over_its_milestones_and_window(exported, project):
    _, doc = exported
    tasks = tasks_by_name(project, doc)
    for r in doc["releases"]:
        summary = tasks[(r["key"], None)]
        assert summary.getSummary() and int(summary.getOutlineLevel()) == 1
        children = [str(c.getName()) for c in summary.getChildTasks()]
        want = [LABELS[m["kind"]] for m in sorted(r["milestones"], key=lambda m: list(LABELS).index(m["kind"]))]
        if r.get("window"):
            want.append("Deployment window")
            window = summary.getChildTasks()[len(want) - 1]
            assert stamp(window.getStart()) == datetime.fromisoformat(r["window"]["start"])
            assert stamp(window.getFinish()) == datetime.fromisoformat(r["window"]["end"])
        assert children == want, r["key"]
        for m in r["milestones"]:
            t = tasks[(r["key"], m["kind"])]
            point = m["planned_start"] == m["planned_end"]
            assert bool(t.getMilestone()) == point and not t.getSummary()
            assert int(t.getOutlineLevel()) == 2
            assert day(t.getStart()) == date.fromisoformat(m["planned_start"])
            assert day(t.getFinish()) == date.fromisoformat(m["planned_end"])
            assert t.getStart().getHour() == 8
            assert day(t.getActualStart()) == (m.get("actual_start") and date.fromisoformat(m["actual_start"]))
            assert day(t.getActualFinish()) == (m.get("actual_end") and date.fromisoformat(m["actual_end"]))
    assert any(m.get("actual_end") for r in doc["releases"] for m in r["milestones"])


def test_the_baseline_is_baseline_0(exported, project):
    _, doc = exported
    tasks = tasks_by_name(project, doc)
    (baseline,) = doc["baselines"]
    assert baseline["milestones"]
    for m in baseline["milestones"]:
        t = tasks[(m["release"], m["kind"])]
        assert day(t.getBaselineStart()) == date.fromisoformat(m["planned_start"])
        assert day(t.getBaselineFinish()) == date.fromisoformat(m["planned_end"])


def test_every_dependency_has_its_type_and_lag_in_days(exported, project):
    _, doc = exported
    tasks = tasks_by_name(project, doc)
    assert doc["dependencies"]
    kinds = set()
    for d in doc["dependencies"]:
        succ = tasks[(d["to"]["release"], d["to"].get("milestone"))]
        pred = tasks[(d["from"]["release"], d["from"].get("milestone"))]
        (rel,) = [r for r in succ.getPredecessors() if int(r.getPredecessorTask().getUniqueID()) ==
                  int(pred.getUniqueID())]
        assert str(rel.getType()) == KINDS[d["kind"]], d
        lag = rel.getLag()
        assert str(lag.getUnits()) == "d" and float(lag.getDuration()) == d.get("lag_days", 0), (d, str(lag))
        kinds.add(d["kind"])
    assert len(kinds) >= 3, kinds
    assert any(d.get("lag_days") for d in doc["dependencies"]), "no dependency with a lag"
    links = sum(t.getPredecessors().size() for t in project.getTasks())
    assert links == len(doc["dependencies"])
