"""No script from data (issue 19, item 3): the payloads of tests/fixtures/xss/payloads.txt in every
text field of a plan (tests/fixtures/xss/document.py builds it from the demo's own JSON export),
imported into a new plan through the test-only `import_into_plan_path`, then every view visited:
Releases, a release's detail, Roadmap (a bar hovered for its tooltip), Presentation mode,
Dashboard, Calendar, Matrix, Stakeholders, Outbox, Reports (a preview) and Settings.

On each view a canary proves no script ran (`alert`, `confirm`, `prompt`, `print` and `open` count
calls into `window.__xss`) and nothing was injected: a MutationObserver records every element added
whose tag is one a payload uses and the app does not (script, iframe, object, embed, math…) or that
carries an `on…` attribute or a `javascript:` URL (href, src, action…); the whole DOM is also searched for `on…`
attributes and those tags, against the counts on the demo plan before the import. The text shows
as text: payloads are found verbatim in the page's textContent.
"""

from __future__ import annotations

import contextlib
import json
import sys
import time
from pathlib import Path

from selenium.common.exceptions import ElementNotInteractableException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "xss"))
import document  # noqa: E402

TAGS = ["script", "iframe", "object", "embed", "frame", "frameset", "base", "meta", "link", "applet", "portal",
        "math", "marquee", "audio", "video", "source", "track", "bgsound", "keygen", "isindex", "xmp", "noembed",
        "noscript", "image", "handler", "animate", "set", "discard", "foreignobject", "template", "details", "slot"]

CANARY = """
window.__xss = 0; window.__injected = [];
for (const f of ['alert', 'confirm', 'prompt', 'print', 'open']) window[f] = () => { window.__xss++; };
const tags = new Set(arguments[0]);
const urls = new Set(['href', 'xlink:href', 'src', 'srcdoc', 'action', 'formaction', 'data', 'background', 'poster', 'style']);
const bad = (el) => tags.has(el.localName.toLowerCase()) ||
  [...el.attributes].some(a => a.name.toLowerCase().startsWith('on') ||
  (urls.has(a.name.toLowerCase()) && /^\\s*(javascript|vbscript|data:text\\/html)/i.test(a.value)));

const look = (n) => { if (n.nodeType !== 1) return;
  for (const el of [n, ...n.querySelectorAll('*')]) if (bad(el)) window.__injected.push(el.outerHTML.slice(0, 200)); };
window.__observer = new MutationObserver(ms => { for (const m of ms) {
  m.addedNodes.forEach(look); if (m.type === 'attributes') look(m.target); } });
window.__observer.observe(document.documentElement, {childList: true, subtree: true, attributes: true});
"""

STATE = """
const tags = arguments[0]; const counts = {};
for (const t of tags) counts[t] = document.getElementsByTagName(t).length;
const on = [...document.querySelectorAll('*')].flatMap(el => [...el.attributes]
  .filter(a => a.name.toLowerCase().startsWith('on')).map(a => el.localName + ' ' + a.name));
return {xss: window.__xss, injected: window.__injected || [], counts, on, text: document.body.textContent};
"""


def visible_payloads(items: list[str], text: str) -> set[int]:
    return {i for i, p in enumerate(items) if len(p) >= 6 and p in text}


def test_no_payload_runs_or_injects_an_element_on_any_view(app, workdir, artifacts):
    items = document.payloads()
    assert len(items) >= 150
    original = app.invoke("app_state")["ok"]["plan"]["path"]
    source = workdir / "xss-source.json"
    assert "ok" in app.invoke("export_plan_path", {"format": "json", "path": str(source)})
    doc, figures = document.build(json.loads(source.read_text(encoding="utf-8")), items)
    assert figures["placed"] == len(items), figures
    hostile = workdir / "xss.json"
    hostile.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")

    # The app's own elements, on the demo plan: what a view may hold without any payload.
    app.driver.execute_script(CANARY, TAGS)
    baseline = app.driver.execute_script(STATE, TAGS)
    assert not baseline["on"], baseline["on"][:5]

    plan = workdir / "xss.runway"
    try:
        assert "ok" in app.invoke("new_plan_path", {"path": str(plan)})
        done = app.invoke("import_into_plan_path", {"format": "json", "path": str(hostile)})
        assert "ok" in done, done
        app.reload()
        app.driver.execute_script(CANARY, TAGS)
        seen: set[int] = set()
        report: list[str] = []

        def check(view: str, shot: bool = True) -> None:
            time.sleep(0.4)
            s = app.driver.execute_script(STATE, TAGS)
            assert s["xss"] == 0, f"{view}: {s['xss']} script calls ran"
            assert not s["injected"], f"{view}: elements injected: {s['injected'][:3]}"
            assert not s["on"], f"{view}: on… attributes in the DOM: {s['on'][:5]}"
            grown = {t: n for t, n in s["counts"].items() if n > max(baseline["counts"][t], 0) and t in TAGS[:12]}
            assert not grown, f"{view}: more {grown} elements than the app's own"
            found = visible_payloads(items, s["text"])
            seen.update(found)
            report.append(f"{view}: {len(found)} payloads shown as text")
            if shot:
                app.screenshot(artifacts / f"xss-{view}.png")

        for view in ("dashboard", "releases", "roadmap", "calendar", "matrix", "stakeholders", "outbox", "settings"):
            app.click(f"nav-{view}", view)
            app.wait_until(lambda: app.driver.execute_script("return document.readyState") == "complete", view)
            check(view)
            if view == "releases":
                app.wait("release-row", "a release row")
                app.all("release-row")[0].click()
                app.wait("release-detail", "a release's detail")
                check("release-detail")
            if view == "roadmap":
                bars = [b for b in app.all("roadmap-bar") if b.is_displayed()]
                if bars:
                    app.driver.execute_script("arguments[0].scrollIntoView({block: 'center', inline: 'center'})", bars[0])
                    with contextlib.suppress(ElementNotInteractableException):
                        ActionChains(app.driver).move_to_element(bars[0]).pause(1.0).perform()
                    check("roadmap-tooltip")
                app.click("roadmap-present", "the Present button")
                app.wait("presentation", "the presentation mode")
                check("presentation")
                ActionChains(app.driver).send_keys(Keys.ESCAPE).perform()
                app.wait_until(lambda: not app.all("presentation"), "Esc did not leave the presentation")
        app.click("nav-reports", "reports")
        for kind in ("poster", "quarterly", "release"):
            if not app.all(f"report-kind-{kind}"):
                continue
            app.click(f"report-kind-{kind}", kind)
            app.click("preview-report", "Preview")
            app.wait_until(lambda: app.all("report-page") or app.all("report-error"), f"the {kind} preview", timeout=90)
            check(f"report-{kind}")
        for line in report:
            print(line)
        print(f"{len(seen)} of {len(items)} payloads seen verbatim; fields filled: {figures['fields']}")
        assert len(seen) >= 50, f"only {len(seen)} payloads shown as text"
    finally:
        app.invoke("open_plan_path", {"path": original})
