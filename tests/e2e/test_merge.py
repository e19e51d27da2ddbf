"""Merging another copy's changes in the real app (issue 20, part 3): two copies of a demo plan made
with the CLI (`runway save-as`), the same phase of one release given other dates on each, the
second copy's changes exported (`runway changes export`) and merged into the first in the app
(through the test-only `merge_changes_path`: the native Open dialog cannot be driven). The summary
says what the merge did; the Merge review shows the one card with both sides; keeping the other
copy's side changes the release's phase dates, and Edit → Undo brings them back.

DOM hooks (data-testid): `merge-summary` (`merge-headline`, `merge-cards`, `merge-open-review`),
`merge-review`, `merge-badge`, `review-card` (`data-kind`) with `card-what`, `card-side`
(`data-standing`) holding `side-value`, `side-author`, `side-standing`, `side-keep`; `merge-empty`.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from selenium.webdriver.common.by import By

from conftest import E2E_TODAY
from flows import search_for

PHASE = "Dress rehearsal"
OURS = ("2027-01-04", "2027-01-05")
THEIRS = ("2027-01-11", "2027-01-12")


# Brings an element to the top of the pane that scrolls it (scrollIntoView would scroll the whole
# window too, the app's frame with it).
SCROLL_TO = """
const el = arguments[0];
for (let p = el.parentElement; p; p = p.parentElement) {
  if (['auto', 'scroll'].includes(getComputedStyle(p).overflowY) && p.scrollHeight > p.clientHeight) {
    p.scrollTop += el.getBoundingClientRect().top - p.getBoundingClientRect().top;
    break;
  }
}
"""


def cli(app, who: str, *args: str) -> str:
    """Runs the `runway` CLI built beside the app, as `who`."""
    runway = Path(os.environ.get("RUNWAY_CLI") or app.binary.parent / "runway")
    assert os.access(runway, os.X_OK), f"the CLI {runway} is not built (cargo build --workspace)"
    done = subprocess.run([str(runway), "--as", who, *args], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"runway {' '.join(args)}: {done.stderr or done.stdout}"
    return done.stdout


def phase_dates(app, key: str) -> tuple[str, str] | None:
    """The planned dates of the phase on the release, asked of the app itself."""
    detail = app.invoke("get_release", {"key": key})
    assert "ok" in detail, detail
    for m in detail["ok"]["release"]["milestones"]:
        if m["kind"] == PHASE:
            return m["planned_start"], m["planned_end"]
    return None


def inside(app, element, testid: str) -> str:
    """The text of the element with `testid` inside `element`."""
    return app.text(element.find_element(By.CSS_SELECTOR, f'[data-testid="{testid}"]'))


def shown_phase(app, key: str) -> str:
    """What the release pane's phases table shows for the phase."""
    row = search_for(app, key)
    row.click()
    app.wait("release-phases", f"the phases of {key}")
    return app.text_of("phase", f"the {PHASE} row", kind=PHASE)


def test_a_merged_conflict_is_reviewed_decided_and_undone(app, artifacts, tmp_path: Path):
    original = app.invoke("app_state")["ok"]["plan"]["path"]
    ours, theirs, changes = tmp_path / "ours.runway", tmp_path / "theirs.runway", tmp_path / "theirs.runway-changes"
    cli(app, "ada", "demo", "--db", str(ours), "--today", E2E_TODAY)
    releases = json.loads(cli(app, "ada", "releases", "--db", str(ours), "--json"))
    key = next(r["key"] for r in releases if r["key"].startswith("REL-2027"))
    cli(app, "ada", "save-as", "--db", str(ours), str(theirs))
    # The other copy's edit first, ours after it: ours stands until someone decides.
    cli(app, "bob", "phase", "--db", str(theirs), "set", key, PHASE, *THEIRS)
    cli(app, "ada", "phase", "--db", str(ours), "set", key, PHASE, *OURS)
    cli(app, "bob", "changes", "export", "--db", str(theirs), "--out", str(changes))

    assert "ok" in app.invoke("open_plan_path", {"path": str(ours)})
    app.wait_until(lambda: app.text_of("plan-name") == ours.name, "the first copy did not open")
    assert phase_dates(app, key) == OURS

    try:
        merged = app.invoke("merge_changes_path", {"path": str(changes)})
        assert "ok" in merged, merged
        report = merged["ok"]
        assert report["author"] == "bob" and report["added"] >= 1, report
        assert [c["kind"] for c in report["cards"]] == ["field"], report["cards"]

        # What the merge did, then the way to the review.
        app.wait("merge-summary", "the merge's summary")
        headline = app.text_of("merge-headline")
        assert "from bob" in headline and "Merged" in headline, headline
        assert "1 card to review" in app.text_of("merge-cards")
        app.screenshot(artifacts / "merge-summary.png")
        app.click("merge-open-review", "Open the review")
        app.wait("merge-review", "the Merge review")
        card = app.wait("review-card", "the card", kind="field")
        assert app.text_of("card-what") == f"Phase {PHASE} edited on both sides"
        assert app.text_of("merge-badge") == "1"
        sides = app.all("card-side")
        assert len(sides) == 2
        by_author = {inside(app, s, "side-author"): s for s in sides}
        assert set(by_author) == {"ada", "bob"}, by_author
        assert inside(app, by_author["ada"], "side-value") == f"{OURS[0]} – {OURS[1]}"
        assert inside(app, by_author["bob"], "side-value") == f"{THEIRS[0]} – {THEIRS[1]}"
        assert by_author["ada"].get_attribute("data-standing") == "true"
        assert inside(app, by_author["ada"], "side-standing") == "Stands for now"
        assert inside(app, by_author["ada"], "side-copy") == "this copy"
        assert key in app.text(card)
        app.screenshot(artifacts / "merge-review.png")

        # Keep the other copy's side: the card closes and the phase takes its dates.
        keep = by_author["bob"].find_element(By.CSS_SELECTOR, '[data-testid="side-keep"]')
        app.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", keep)
        keep.click()
        app.wait("merge-empty", "the review once the card is decided")
        assert not app.all("merge-badge")
        assert phase_dates(app, key) == THEIRS
        assert THEIRS[0] in shown_phase(app, key)

        # Edit → Undo takes the decision back.
        assert app.invoke("menu_item_path", {"id": "undo"}).get("ok", "missing") is None
        app.wait_until(lambda: phase_dates(app, key) == OURS, "Edit → Undo did not bring our dates back")
        app.wait_until(lambda: OURS[0] in app.text_of("phase", kind=PHASE), "the release pane still shows the other dates")
        app.driver.execute_script(SCROLL_TO, app.wait("release-phases"))
        app.screenshot(artifacts / "merge-undone.png")

        # Back the other way: File → Export Changes… offers the copy merged from; what it has not
        # seen (the decision and its undo, at least) goes to a change file.
        info = app.invoke("replica_info")["ok"]
        assert [p["author"] for p in info["peers"]] == ["bob"], info
        assert app.invoke("menu_item_path", {"id": "export-changes"}).get("ok", "missing") is None
        app.wait("export-changes-dialog", "the Export Changes dialog")
        app.wait_until(lambda: len(app.all("export-since-peer")) == 1, "the copy merged from is not offered")
        app.screenshot(artifacts / "merge-export.png")
        app.click("export-changes-close", "Close")
        out = tmp_path / "ours.runway-changes"
        done = app.invoke("export_changes_path", {"since": info["peers"][0]["replica"], "path": str(out)})
        assert "ok" in done, done
        path, count = done["ok"]
        assert path == str(out) and count >= 2, done
        assert json.loads(out.read_text())["replica"] == info["replica"]
    finally:
        # The tests after this one go on in the app's own plan.
        assert "ok" in app.invoke("open_plan_path", {"path": original})
        app.wait_until(lambda: app.text_of("plan-name") == Path(original).name, "the original plan did not reopen")
