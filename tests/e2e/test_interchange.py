"""File → Export… and File → Import… in the real app (issue 18): the releases CSV and MS Project XML
written through the test-only command (the native Save dialog cannot be driven) and read back; the
dialog opened as the File menu opens it; a releases CSV with a bad row refused naming its row and
column, nothing changed; then the good file, its two releases in the Releases list. A file MS
Project 2003 wrote (MPXJ's sample.xml) previewed in the dialog as one release (what it adds, what
it cannot keep), imported, shown with its phases, and taken back by one Undo.

DOM hooks (data-testid): `interchange-dialog` with `format-<id>` (json, csv-releases,
csv-milestones, csv-rfcs, mspdi), `interchange-bom`, `interchange-go`, `interchange-result`,
`interchange-close`; for MS Project XML `mspdi-choose`, `mspdi-one`, `mspdi-key`, `mspdi-preview`,
`mspdi-counts`, `mspdi-dropped`, `mspdi-commit`, `mspdi-done`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from flows import backend_keys, search_for, show_release_list

NEW = ("REL-2039.11.01", "REL-2039.11.02")

BAD = f"""key,title,kind,window_start,window_end
{NEW[0]},Interchange one,minor,2039-11-10T22:00,2039-11-11T01:00
{NEW[1]},Interchange two,huge,,
"""

GOOD = f"""key,title,kind,window_start,window_end,colour
{NEW[0]},Interchange one,minor,2039-11-10T22:00,2039-11-11T01:00,red
{NEW[1]},Interchange two,patch,,,blue
"""


def test_export_then_import_releases(app, artifacts, tmp_path: Path):
    show_release_list(app)

    # Exports: the releases table with its header row; MS Project XML with a task per item.
    csv_out = tmp_path / "plan releases.csv"
    done = app.invoke("export_plan_path", {"format": "csv-releases", "path": str(csv_out)})
    assert done.get("ok") == str(csv_out), done
    lines = csv_out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("key,title,kind,unit,status"), lines[0]
    assert len(lines) > 1, "the demo's releases are missing from the export"
    xml_out = tmp_path / "plan.xml"
    done = app.invoke("export_plan_path", {"format": "mspdi", "path": str(xml_out)})
    assert done.get("ok") == str(xml_out), done
    tasks = [e for e in ET.parse(xml_out).getroot().iter() if e.tag.rsplit("}", 1)[-1] == "Task"]
    assert len(tasks) >= 2, f"{len(tasks)} Task elements"

    # The dialog, as File → Import… opens it.
    assert app.invoke("menu_item_path", {"id": "import"}).get("ok", "missing") is None
    app.wait("interchange-dialog", "the import dialog")
    app.click("format-csv-releases", "Releases CSV")
    app.screenshot(artifacts / "interchange.png")
    app.click("interchange-close", "Close")
    app.wait_until(lambda: app.all("interchange-dialog")[0].get_attribute("open") is None, "the dialog did not close")

    before = backend_keys(app)
    assert not set(NEW) & set(before), "the plan already holds the releases this test imports"
    bad = tmp_path / "bad.csv"
    bad.write_text(BAD)
    refused = app.invoke("import_into_plan_path", {"format": "csv-releases", "path": str(bad)})
    assert "err" in refused, refused
    message = refused["err"]["message"]
    assert "row 3, column kind" in message and "nothing was imported" in message, message
    assert backend_keys(app) == before, "a refused import changed the releases"

    good = tmp_path / "good.csv"
    good.write_text(GOOD)
    done = app.invoke("import_into_plan_path", {"format": "csv-releases", "path": str(good)})
    summary = done.get("ok", "")
    assert "2 added" in summary and "colour" in summary, done
    # The page learns of an import it did not start when it loads again.
    app.reload()
    for key in NEW:
        row = search_for(app, key)
        assert key in app.text(row), app.text(row)


SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "mspdi" / "sample.xml"
MSP_KEY = "REL-2039.12.01"


def test_an_ms_project_file_is_previewed_imported_and_undone(app, artifacts):
    show_release_list(app)
    before = backend_keys(app)
    assert MSP_KEY not in before
    # The native Open dialog cannot be driven: the test-only command names the file the next
    # "Choose file…" takes.
    assert app.invoke("pick_mspdi_file_path", {"path": str(SAMPLE)}).get("ok") == "sample.xml"
    assert app.invoke("menu_item_path", {"id": "import"}).get("ok", "missing") is None
    app.wait("interchange-dialog", "the import dialog")
    app.click("format-mspdi", "MS Project XML")
    app.click("mspdi-one", "one release")
    app.type("mspdi-key", MSP_KEY)
    app.click("mspdi-choose", "Choose file…")
    app.wait("mspdi-preview", "the preview")
    assert app.text_of("mspdi-file") == "sample.xml"
    counts = app.text_of("mspdi-counts")
    assert "Adds 1 release" in counts, counts
    dropped = app.text_of("mspdi-dropped")
    assert "resources" in dropped and "assignments" in dropped, dropped
    assert backend_keys(app) == before, "a preview changed the plan"
    app.screenshot(artifacts / "interchange-mspdi-preview.png")

    app.click("mspdi-commit", "Import")
    app.wait("mspdi-done", "the import's summary")
    app.click("interchange-close", "Close")
    row = search_for(app, MSP_KEY)
    row.click()
    phases_panel = app.wait("release-phases", "the phases of the imported release")
    app.driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", phases_panel)
    phases = app.texts("phase")
    assert any("Third task" in p for p in phases), phases
    app.screenshot(artifacts / "interchange-mspdi-release.png")

    app.wait_until(lambda: app.wait("undo").is_enabled(), "Undo stays disabled after the import")
    app.click("undo", "Undo")
    app.wait_until(lambda: MSP_KEY not in backend_keys(app), "one Undo did not take the import back")
