"""File → Export… and File → Import… in the real app (issue 18): the releases CSV and MS Project XML
written through the test-only command (the native Save dialog cannot be driven) and read back; the
dialog opened as the File menu opens it; a releases CSV with a bad row refused naming its row and
column, nothing changed; then the good file, its two releases in the Releases list.

DOM hooks (data-testid): `interchange-dialog` with `format-<id>` (json, csv-releases,
csv-milestones, csv-rfcs, mspdi: export only), `interchange-bom`, `interchange-go`,
`interchange-result`, `interchange-close`.
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
    refused = app.invoke("import_into_plan_path", {"format": "mspdi", "path": str(xml_out)})
    assert "err" in refused and "not imported" in refused["err"]["message"], refused

    # The dialog, as File → Import… opens it: MS Project XML is not offered.
    assert app.invoke("menu_item_path", {"id": "import"}).get("ok", "missing") is None
    app.wait("interchange-dialog", "the import dialog")
    assert not app.all("format-mspdi"), "MS Project XML offered for import"
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
