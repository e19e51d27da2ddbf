"""File → Restore from Backup… in the real app (issue 19, item 4): a release made, a backup taken
with Back up now, the release deleted by mistake; the dialog lists the backup with its time,
releases (one more than now), audit head and size; restoring it (through the test-only command: the
native Save dialog cannot be driven) makes a new plan file that opens holding the release again,
while the plan it came from still lacks it.

DOM hooks (data-testid): `backups-dialog`, `backups-table`, `backup-row` (data-name), `backup-restore`,
`backups-now`, `backups-result`, `backups-keep`, `backups-keep-save`, `backups-close`.
"""

from __future__ import annotations

from pathlib import Path

from flows import backend_keys, create_release

KEY = "REL-E2E.BK"


def open_dialog(app) -> None:
    assert app.invoke("menu_item_path", {"id": "restore-backup"}).get("ok", "missing") is None
    app.wait("backups-dialog", "the Restore from backup dialog")
    app.wait_until(lambda: app.all("backup-row") or app.all("backups-empty"), "the list of backups")


def close_dialog(app) -> None:
    app.click("backups-close", "Close")
    app.wait_until(lambda: app.all("backups-dialog")[0].get_attribute("open") is None, "the dialog did not close")


def test_a_deleted_release_comes_back_from_a_backup_as_a_new_plan(app, artifacts, data_home, tmp_path: Path):
    original = app.invoke("app_state")["ok"]["plan"]["path"]
    if KEY not in backend_keys(app):
        create_release(app, KEY, "Backed up before the mistake")

    open_dialog(app)
    before = len(app.all("backup-row"))
    app.click("backups-now", "Back up now")
    app.wait_until(lambda: "Backed up" in app.text_of("backups-result"), "the backup was not taken")
    app.wait_until(lambda: len(app.all("backup-row")) >= min(before + 1, 10), "the new backup is not listed")
    newest = app.all("backup-row")[0]
    name = newest.get_attribute("data-name")
    close_dialog(app)
    folders = list((data_home / "org.runway.desktop" / "backups").iterdir())
    assert any((f / name).is_file() for f in folders), f"{name} is not in {folders}"

    # The mistake.
    assert "ok" in app.invoke("delete_release", {"key": KEY})
    assert KEY not in backend_keys(app)
    app.reload()

    open_dialog(app)
    row = app.all("backup-row")[0]
    assert row.get_attribute("data-name") == name
    text = app.text(row)
    assert "1 more than now" in text and "#" in text and "B" in text, text
    app.screenshot(artifacts / "backups-dialog.png")
    close_dialog(app)

    restored = tmp_path / "restored.runway"
    done = app.invoke("restore_backup_path", {"name": name, "path": str(restored)})
    assert "ok" in done, done
    assert done["ok"]["plan"]["file_name"] == "restored.runway"
    app.wait_until(lambda: app.text_of("plan-name") == "restored.runway", "the restored plan is not open")
    assert KEY in backend_keys(app), "the deleted release did not come back"
    # Never over a file that is there.
    again = app.invoke("restore_backup_path", {"name": name, "path": str(restored)})
    assert "err" in again, again

    # The plan it came from is as it was left; the tests after this one go on in it.
    assert "ok" in app.invoke("open_plan_path", {"path": original})
    app.wait_until(lambda: app.text_of("plan-name") == Path(original).name, "the original plan did not reopen")
    assert KEY not in backend_keys(app)
