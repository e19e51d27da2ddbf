"""One Runway per desktop session: a second launch hands its plan to the running window and ends,
so two windows never share one plan (or one undo stack)."""

import subprocess
import time

from flows import show_release_list


def launch_again(app, *args: str) -> subprocess.CompletedProcess:
    """Starts the app binary a second time, as a file manager would, in the same session."""
    return subprocess.run(
        [str(app.binary), *args],
        env=app.server.env,
        capture_output=True,
        timeout=60,
    )


def test_a_second_launch_opens_its_plan_in_the_running_window_and_ends(app, workdir):
    first = app.text_of("plan-name", "the open plan's name")
    first_path = app.invoke("app_state")["ok"]["plan"]["path"]
    other = workdir / "handed-over.runway"
    if not other.exists():
        made = app.invoke("new_plan_path", {"path": str(other)})
        assert "ok" in made, f"could not make {other}: {made!r}"
    back = app.invoke("open_plan_path", {"path": first_path})
    assert "ok" in back, f"could not go back to the first plan: {back!r}"
    app.wait_until(lambda: app.text_of("plan-name") == first, "the first plan is open again")

    started = time.monotonic()
    second = launch_again(app, str(other))
    assert second.returncode == 0, f"the second launch failed ({second.returncode}): {second.stderr[-2000:]!r}"
    assert time.monotonic() - started < 30, "the second launch did not hand over and end promptly"

    app.wait_until(
        lambda: "handed-over" in app.text_of("plan-name"),
        f"the running window did not open the plan handed to it (it shows {app.text_of('plan-name')!r})",
    )
    show_release_list(app)
    # The same plan once more: nothing to do but bring the window forward.
    again = launch_again(app, str(other))
    assert again.returncode == 0
    assert "handed-over" in app.text_of("plan-name")
    back = app.invoke("open_plan_path", {"path": first_path})
    assert "ok" in back, f"could not go back to the first plan: {back!r}"
    app.wait_until(lambda: app.text_of("plan-name") == first, "the first plan is open again")
