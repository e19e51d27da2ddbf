"""Opening a file that is not a Runway plan: refused with a message, nothing changed."""

import hashlib
import os

from flows import backend_keys, show_release_list


def test_opening_a_garbage_file_is_refused_and_changes_nothing(app, workdir):
    garbage = workdir / "garbage.runway"
    garbage.write_bytes(os.urandom(4096))
    digest = hashlib.sha256(garbage.read_bytes()).hexdigest()

    plan = app.text_of("plan-name", "the open plan's name")
    show_release_list(app)
    count, keys = app.count(), backend_keys(app)

    result = app.invoke("open_plan_path", {"path": str(garbage)})
    assert "err" in result, f"open_plan_path accepted 4 KiB of random bytes: {result!r}"
    assert result["err"].get("code") == "not_a_plan", f"expected code not_a_plan, got {result['err']!r}"

    app.wait("notice", "the refusal notice")
    app.wait_until(
        lambda: any("not a runway plan" in t.lower() for t in app.texts("notice")),
        f'no notice says "not a Runway plan" (notices shown: {app.texts("notice")!r})',
    )

    assert app.text_of("plan-name") == plan, "the open plan changed after a refused open"
    assert hashlib.sha256(garbage.read_bytes()).hexdigest() == digest, "the refused file was modified"
    assert backend_keys(app) == keys, "the plan's releases changed after a refused open"
    assert app.count() == count, "release-count changed after a refused open"
    assert app.wait_until(lambda: app.row_keys(), "the release list shows no rows after the refusal")
