"""kg serve in a real browser: Debian's Chromium driven by Playwright for Python.

The setup installs the `chromium` package with apt-get when the machine lacks it
(CI runs as root on a fresh Debian machine) and skips, saying why, only when apt
cannot. Playwright is pointed at that executable: its own browser download is not
used. Each test starts the real `kg serve` (tests/test_serve.py's `served`).

Set KG_SCREENSHOTS=docs/img to refresh the pictures in docs/serve.md.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from tests.test_serve import HOSTILE, served  # noqa: F401  (HOSTILE documents what hostile_store holds)
from tests.test_serve import hostile_store  # noqa: F401  (a fixture)

pytestmark = pytest.mark.slow

REFUSED_PLANE = "officials refused to authorize the landing of a U.S. military plane"


@pytest.fixture(scope="session")
def chromium_path() -> str:
    found = shutil.which("chromium")
    if found:
        return found
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        pytest.skip("chromium is absent and cannot be installed here (needs root and apt-get): apt-get install chromium")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    output = ""
    for before in ([], [["apt-get", "update", "-q"]]):
        try:
            for command in [*before, ["apt-get", "install", "-y", "-q", "chromium"]]:
                done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=900)
                output = (done.stderr or done.stdout).strip()
        except (OSError, subprocess.TimeoutExpired) as e:
            output = str(e)
        found = shutil.which("chromium")
        if found:
            return found
    pytest.skip(f"chromium is absent and apt-get could not install it: {(output.splitlines() or ['?'])[-1]}")


@pytest.fixture(scope="session")
def browser(chromium_path):
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is in the test extra: pip install -e '.[test]'")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture()
def page(browser, request):
    """A fresh browser tab that records what the page tried to load and what the console said."""
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    tab = context.new_page()
    tab.requested, tab.console, tab.dialogs = [], [], []
    tab.on("request", lambda r: tab.requested.append(r.url))
    tab.on("console", lambda m: tab.console.append(m.text))
    tab.on("dialog", lambda d: (tab.dialogs.append(d.message), d.dismiss()))
    yield tab
    context.close()


@pytest.fixture(scope="module")
def site(example_store):
    with served(example_store) as server:
        yield server


def _only_local(tab, server) -> None:
    outside = [u for u in tab.requested if not u.startswith(server.url + "/") and not u.startswith("data:")]
    assert outside == [], outside
    assert not [m for m in tab.console if "Content Security Policy" in m], tab.console


def _open_mexico_refusal(tab, server) -> None:
    """Search "Mexican government", open Mexico, open its REJECT relation's evidence."""
    tab.goto(server.url + "/")
    tab.fill("form.big-search input[name=q]", "Mexican government")
    tab.click("form.big-search button")
    tab.wait_for_url("**/search?q=Mexican+government")
    tab.click("p.best a")
    tab.wait_for_url("**/entity/country/MEX")
    assert tab.inner_text("h1") == "Mexico"
    tab.click('a.open-evidence[data-type="REJECT"]')
    tab.wait_for_url("**/relation/*")


def test_search_actor_and_the_evidence_of_its_refusal(page, site):
    _open_mexico_refusal(page, site)
    item = page.locator("li.evidence-item", has_text=REFUSED_PLANE)
    assert item.count() == 1
    assert item.locator("mark.actor").inner_text() == "officials"
    assert item.locator("mark.action").inner_text() == "refused"
    assert item.locator("mark.target").inner_text() == "U.S."
    assert "Mexico Rejects Initial U.S. Migrant Deportation Flight" in item.inner_text()
    assert page.locator("li.evidence-item").count() == 3
    # marks are drawn, not just present: the stylesheet loaded under the CSP
    colour = item.locator("mark.action").evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 0)")
    _only_local(page, site)


def test_a_click_on_a_node_of_the_network_opens_its_page(page, site):
    page.goto(site.url + "/network")
    page.wait_for_selector('body[data-ready="true"]')
    shown = page.locator("#status").inner_text()
    assert re.match(r"\d+ actors, \d+ relations shown", shown)
    page.locator('g.node[data-id="https://w3id.org/kg-md/id/country/PAN"] circle').click()
    page.wait_for_url("**/entity/country/PAN")
    assert page.inner_text("h1") == "Panama"
    _only_local(page, site)


def test_timeline_and_sparql_pages(page, site):
    page.goto(site.url + "/timeline")
    page.fill("input[name=a]", "Colombia")
    page.fill("input[name=b]", "United States")
    page.fill("input[name=since]", "2025-01-01")
    page.click("form.filters button")
    assert page.locator("table.timeline tbody tr").count() == 2
    page.goto(site.url + "/query")
    page.click("form.editor button")
    assert page.locator("table.results tbody tr").count() >= 3
    assert page.locator("table.results a", has_text="kgr:country/MEX").count() >= 1
    with page.expect_download() as download:
        page.click("p.downloads a:text('csv')")
    assert download.value.suggested_filename == "results.csv"
    _only_local(page, site)


def test_hostile_article_text_shows_as_text_and_runs_nothing(page, hostile_store):  # noqa: F811
    with served(hostile_store, "--read-only") as server:
        page.goto(server.url + "/article/hostile")
        assert page.inner_text("h1") == HOSTILE["title"]
        assert "<script>alert(1)</script>" in page.inner_text("main")
        assert '"><img src=x onerror=alert(2)>' in page.inner_text("main")
        assert page.locator("main img").count() == 0
        page.goto(server.url + "/entity/country/MEX")
        assert "<script>alert(1)</script>" in page.inner_text("table.relations")
        page.wait_for_timeout(300)
        assert page.dialogs == []
        _only_local(page, server)


def test_screenshots_of_the_main_pages(page, site, tmp_path):
    folder = Path(os.environ.get("KG_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.goto(f"{site.url}/unlock?token={site.token}")  # so that the evidence page shows its review buttons
    shots = {
        "serve-home.png": "/",
        "serve-search.png": "/search?q=Mexic",
        "serve-actor.png": "/entity/country/MEX",
        "serve-timeline.png": "/timeline?a=Colombia&b=United+States",
        "serve-network.png": "/network",
        "serve-sparql.png": "/query?query=" + "SELECT+%3Factor+%3Ftarget+WHERE+%7B+%3Factor+plover%3Areject+%3Ftarget+%7D",
    }
    for name, path in shots.items():
        page.goto(site.url + path)
        if name == "serve-network.png":
            page.wait_for_selector('body[data-ready="true"]')
        page.screenshot(path=str(folder / name))
    _open_mexico_refusal(page, site)
    page.screenshot(path=str(folder / "serve-evidence.png"))
    for name in [*shots, "serve-evidence.png"]:
        assert (folder / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def _kg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=600)


def test_review_in_the_browser_survives_a_rebuild(page, store_copy):
    pytest.importorskip("kg.corrections", reason="the review actions call kg.corrections")
    with served(store_copy) as server:
        page.goto(server.url + "/unlock")
        page.fill("input[name=token]", server.token)
        page.fill("input[name=by]", "ana")
        page.click("form.unlock button")
        page.wait_for_url(server.url + "/")
        _open_mexico_refusal(page, server)
        denied = page.locator("li.evidence-item", has_text="Mexico has denied the U.S. permission")
        statement = denied.locator("input[name=statement]").get_attribute("value")
        denied.locator("button.reject").click()
        page.wait_for_load_state()
        assert page.locator("li.evidence-item").count() == 2
        assert page.locator("li.evidence-item", has_text="Mexico has denied the U.S. permission").count() == 0
        # merge "Mexico Ken Salazar" (a misread of the ambassador's name) into "Salazar"
        page.goto(server.url + "/search?q=Mexico+Ken+Salazar")
        page.click("p.best a")
        page.click("details.entity-review summary")
        page.fill("details.entity-review input[name=into]", "Salazar")
        page.click("details.entity-review form:has(input[value=merge]) button")
        page.wait_for_url("**/entity/person/salazar")

        rebuilt = _kg("build", str(EXAMPLES), "--store", str(store_copy), "--rebuild")
        assert rebuilt.returncode == 0, rebuilt.stderr

        _open_mexico_refusal(page, server)
        assert page.locator("li.evidence-item").count() == 2
        assert page.locator(f"input[name=statement][value='{statement}']").count() == 0
        page.goto(server.url + "/search?q=Mexico+Ken+Salazar")
        assert page.inner_text("p.best a") == "Salazar"
        page.goto(server.url + "/entity/org/mexico-ken-salazar")  # an old link leads to the entity kept
        assert page.url == server.url + "/entity/person/salazar"
        page.goto(server.url + "/article/002_7b4837244018cd6d")
        assert "rejected by ana" in page.locator("ul.rejected").inner_text()
    refusals = _kg("relations", "Mexico", "--type", "REJECT", "--store", str(store_copy))
    assert refusals.returncode == 0, refusals.stderr
    assert "Mexico has denied the U.S. permission" not in refusals.stdout
    assert "refused to authorize the landing" in refusals.stdout
    merged = _kg("relations", "Mexico Ken Salazar", "--store", str(store_copy))
    assert merged.returncode == 0, merged.stderr
    assert merged.stderr.startswith("Salazar (Person")
