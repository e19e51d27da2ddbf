"""Reports in the real app: the roadmap poster previewed as pages drawn from the core's layout,
saved as a PDF that qpdf accepts, and the shell opening only the reports it saved."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

PAGE_TEXTS = """
return [...document.querySelectorAll('[data-testid="report-page"] text')].map(t => t.textContent);
"""


def show_reports(app) -> None:
    app.click("nav-reports", "the Reports item in the sidebar")
    app.wait("report-form", "the Reports form")


def page_count(app) -> int:
    text = app.text_of("report-pages", "the page count of the preview")
    m = re.search(r"(\d[\d,]*)\s+pages?\b", text)
    assert m, f'report-pages says {text!r}, expected "N pages"'
    return int(m.group(1).replace(",", ""))


def poster_request(app) -> dict:
    """The request the form sends for the poster, read from the form as the user left it."""
    value = lambda testid: app.wait(testid, f"the form field {testid}").get_attribute("value")  # noqa: E731
    landscape = app.wait("report-landscape", "the landscape choice").is_selected()
    return {
        "kind": "poster",
        "quarter": None,
        "month": None,
        "release": None,
        "from": value("report-from"),
        "to": value("report-to"),
        "sheet": {"paper": value("report-paper"), "landscape": landscape},
        "fit_one_page": app.wait("report-fit", "fit on one page").is_selected(),
        "generated_at": None,
    }


def test_the_roadmap_poster_is_previewed_and_saved_as_a_pdf(app, workdir, artifacts):
    show_reports(app)
    app.click("report-kind-poster", "the Roadmap poster choice")
    app.click("preview-report", "Preview")
    app.wait("report-page", "a page of the preview", timeout=60)
    pages = page_count(app)
    assert pages >= 1

    # The pages are SVG drawn from the core's marks: the poster names the plan's releases.
    keys = {r["key"] for r in app.invoke("list_releases")["ok"]}
    texts = app.wait_until(lambda: app.driver.execute_script(PAGE_TEXTS), "the preview's pages hold no text")
    assert any(t in keys for t in texts), f"no release key among the first page's texts: {texts[:20]}"
    indicator = app.text_of("report-page-indicator", "Page N of M")
    assert f"of {pages}" in indicator.replace(",", ""), indicator
    assert not app.all("report-error"), app.texts("report-error")
    app.screenshot(artifacts / "reports-poster-preview.png")

    if pages > 1:
        app.click("report-next", "Next page")
        app.wait_until(
            lambda: app.wait("report-page-input").get_attribute("value") == "2", "Next did not go to page 2"
        )

    # Save… without the native dialog (test-only), into a temporary folder.
    out = workdir / "reports" / "Roadmap poster.pdf"
    out.parent.mkdir(exist_ok=True)
    result = app.invoke("save_report_path", {"req": poster_request(app), "path": str(out)})
    assert "ok" in result, f"save_report_path failed: {result.get('err')!r}"
    saved = result["ok"]
    assert saved["path"] == str(out) and saved["file_name"] == "Roadmap poster.pdf"
    assert saved["summary"]["pages"] == pages, "the PDF and the preview do not have the same pages"
    data = out.read_bytes()
    assert data.startswith(b"%PDF-"), data[:16]
    assert saved["summary"]["bytes"] == len(data)
    if not shutil.which("qpdf"):
        pytest.fail("qpdf not found: run scripts/deps.sh test")
    check = subprocess.run(["qpdf", "--check", str(out)], capture_output=True, text=True)
    assert check.returncode == 0, f"qpdf --check failed:\n{check.stdout}\n{check.stderr}"

    # The shell opens the report it saved (nothing is launched under the tests), and no other file.
    assert app.invoke("open_report", {"path": saved["path"]}) == {"ok": None}
    refused = app.invoke("open_report", {"path": "/etc/hostname"})
    assert refused.get("err", {}).get("code") == "not_found", refused


def test_the_quarterly_pmo_report_is_saved_from_the_save_button(app, workdir, artifacts):
    """The whole flow a PMO analyst follows: pick the report and the quarter, Save PDF…, get the file
    (the native dialog is replaced by RUNWAY_E2E_SAVE_DIR under the tests)."""
    show_reports(app)
    app.click("report-kind-quarterly", "the Quarterly PMO report choice")
    app.set_value("report-year", "2026")
    app.wait("report-quarter", "the quarter picker")
    app.driver.execute_script(
        "const s = document.querySelector('[data-testid=\"report-quarter\"]');"
        "s.value = [...s.options].find(o => o.textContent.startsWith('Q3')).value;"
        "s.dispatchEvent(new Event('change', { bubbles: true }));"
    )
    app.click("save-report", "Save PDF…")
    path = app.text(app.wait("report-saved-path", "the saved file's path", timeout=120))
    out = workdir / "saved-reports" / "Quarterly PMO report 2026-Q3.pdf"
    assert path == str(out), path
    assert out.read_bytes().startswith(b"%PDF-")
    app.screenshot(artifacts / "reports-saved.png")
    check = subprocess.run(["qpdf", "--check", str(out)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    for heading in ("Quarterly PMO report · 2026 Q3", "Key process performance indicators", "Trend over the last four quarters"):
        assert heading in text, f"{heading!r} is not in the saved report"


def test_a_report_that_cannot_be_made_says_why(app):
    show_reports(app)
    app.click("report-kind-poster", "the Roadmap poster choice")
    app.set_value("report-from", "2027-03-10")
    app.set_value("report-to", "2027-03-01")
    app.click("preview-report", "Preview")
    message = app.text_of("report-error-to", "the message at the To field")
    assert "before it starts" in message, message
    # A period the core refuses (more than five years) comes back from Rust, at its field.
    app.set_value("report-from", "2020-01-01")
    app.set_value("report-to", "2030-12-31")
    app.click("preview-report", "Preview")
    message = app.text_of("report-error-to", "the core's message at the To field")
    assert "five years" in message, message
