"""The web pages in a real browser: headless Chromium (Debian's ``chromium`` and
``chromium-driver`` packages) driven by selenium, over a uvicorn server on the sample corpus.

Skipped when the browser is missing, except under CI (``CI`` set), where that fails: CI
installs the packages (.ci/run) and must not skip silently. Screenshots go to pytest's
``tmp_path`` of each test.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest
from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from veille.api.app import create_app
from veille.pipeline import ingest
from veille.store import Store

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
CHROMIUM = Path(os.environ.get("VEILLE_CHROMIUM", "/usr/bin/chromium"))
CHROMEDRIVER = Path(os.environ.get("VEILLE_CHROMEDRIVER", "/usr/bin/chromedriver"))
WAIT = 15  # seconds for a page's scripts to draw


def _require_browser() -> None:
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if not missing:
        return
    message = f"no browser: {', '.join(missing)} missing (apt-get install chromium chromium-driver)"
    if os.environ.get("CI"):
        pytest.fail(message + "; CI must run the browser tests")
    pytest.skip(message)


@pytest.fixture(scope="module")
def driver():
    _require_browser()
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
                "--disable-gpu", "--no-first-run", "--disable-extensions"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    # an explicit driver: selenium-manager never looks for (or downloads) one
    drv = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    drv.set_page_load_timeout(30)
    yield drv
    drv.quit()


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory) -> Path:
    """The sample corpus, ingested as ``veille ingest examples/corpus`` does."""
    _require_browser()  # no need to build the store without a browser
    db = tmp_path_factory.mktemp("browser") / "sample.db"
    with Store(db) as store:
        report = ingest([CORPUS], store=store)
    assert report.ingested == 34 and not report.failed
    return db


@pytest.fixture(scope="module")
def base_url(sample_db):
    """A real uvicorn server on a free 127.0.0.1 port, in a thread."""
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(str(sample_db)), host="127.0.0.1", port=port,
                                           log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            with urllib.request.urlopen(url + "/static/veille.css", timeout=2) as r:
                assert r.status == 200
            break
        except OSError:
            if time.monotonic() > deadline or not thread.is_alive():
                raise
            time.sleep(0.1)
    yield url
    server.should_exit = True
    thread.join(10)


@pytest.fixture
def page(driver, base_url, tmp_path):
    """Open a path, wait until ``ready`` (a JS expression) is true, screenshot, and check that
    the browser logged no error and asked for nothing outside the server."""
    def open_(path: str, ready: str = "true", shot: str | None = None):
        driver.get_log("browser")
        driver.get_log("performance")
        driver.get(base_url + path)
        wait_for(driver, lambda d: d.execute_script(f"return document.readyState == 'complete' && !!({ready})"),
                 f"{path} ready ({ready})")
        if shot:
            driver.save_screenshot(str(tmp_path / f"{shot}.png"))
        errors = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        assert not errors, errors
        for entry in driver.get_log("performance"):
            msg = json.loads(entry["message"])["message"]
            if msg["method"] == "Network.requestWillBeSent":
                requested = msg["params"]["request"]["url"]
                assert requested.startswith((base_url, "data:", "blob:")), f"{path} fetched {requested}"
        return driver

    return open_


def wait_for(d, condition, what: str) -> None:
    """Wait until ``condition(driver)`` is true; on timeout say what, where, and what the browser logged."""

    try:
        WebDriverWait(d, WAIT).until(condition)
    except TimeoutException:
        pytest.fail(f"{what}: not after {WAIT} s on {d.current_url}; browser log: {d.get_log('browser')}")


def _articles_with_events(db: Path) -> list[str]:
    with Store(db, readonly=True) as store:
        return [r[0] for r in store.db.execute(
            "SELECT article_id FROM events GROUP BY article_id ORDER BY count(*) DESC, article_id")]


def test_dashboard(page, tmp_path):

    d = page("/", shot="dashboard")
    assert d.title == "Dashboard · veille"
    cards = [c.text for c in d.find_elements(By.CSS_SELECTOR, ".card")]
    assert cards[0].startswith("34") and "articles" in cards[0]
    assert len(d.find_elements(By.CSS_SELECTOR, "#latest li")) == 10
    dyads = d.find_elements(By.CSS_SELECTOR, "#dyads tbody tr")
    assert dyads and all("/timeline?actor=" in r.find_element(By.TAG_NAME, "a").get_attribute("href") for r in dyads)
    assert (tmp_path / "dashboard.png").stat().st_size > 10_000


def test_timeline_of_russia_and_china_lists_their_events(page, base_url):

    d = page("/timeline?actor=Russie&actor=Chine", ready="window.veilleTimeline", shot="timeline")
    assert d.find_element(By.TAG_NAME, "h1").text == "Timeline: Russia – China"
    chart = d.execute_script(
        "var c = window.veilleTimeline; return {bars: c.data.datasets.reduce(function (n, s) {"
        " return n + s.data.reduce(function (a, b) { return a + b; }, 0); }, 0), periods: c.data.labels.length,"
        " canvas: c.canvas.width * c.canvas.height};")
    assert chart["bars"] >= 1 and chart["periods"] >= 1 and chart["canvas"] > 0
    events = d.find_elements(By.CSS_SELECTOR, "#events li.event")
    assert len(events) >= 2
    for ev in events:
        names = {a.text for a in ev.find_elements(By.CSS_SELECTOR, "a.actor")}
        assert {"Russia", "China"} <= names, ev.text
    # an event's link opens its article at its sentence, marked
    link = events[0].find_element(By.CSS_SELECTOR, "a.source")
    href = link.get_attribute("href")
    assert "/articles/" in href and "#s" in href
    link.click()
    wait_for(d, lambda drv: drv.execute_script(
        "var el = document.getElementById(location.hash.slice(1)); return el && el.classList.contains('current');"),
        f"the sentence of {href} marked")
    assert d.current_url == href


def test_network_links_russia_and_china_and_opens_actor_pages(page, base_url):

    d = page("/network", ready="window.veilleNetwork", shot="network")
    drawn = d.execute_script(
        "var cy = window.veilleNetwork; return {nodes: cy.nodes().length, edges: cy.edges().length,"
        " linked: cy.getElementById('RUS').edgesWith(cy.getElementById('CHN')).length,"
        " sign: cy.getElementById('RUS').edgesWith(cy.getElementById('CHN')).data('sign')};")
    embedded = json.loads(d.find_element(By.ID, "network-data").get_attribute("textContent"))
    assert drawn["nodes"] == len(embedded["nodes"]) > 10
    assert drawn["edges"] == len(embedded["edges"])
    assert drawn["linked"] == 1 and drawn["sign"] in ("cooperation", "conflict", "mixed", "neutral")
    canvases = d.find_elements(By.CSS_SELECTOR, "#network canvas")
    assert canvases and max(c.size["width"] for c in canvases) > 500
    # a click on a node (one no other node overlaps) opens that actor's page
    container = d.find_element(By.ID, "network")
    d.execute_script("arguments[0].scrollIntoView({block: 'start'});", container)
    target = d.execute_script(
        "var cy = window.veilleNetwork, nodes = cy.nodes();"
        " function overlaps(a, b) { return !(a.x2 < b.x1 || b.x2 < a.x1 || a.y2 < b.y1 || b.y2 < a.y1); }"
        " var free = nodes.filter(function (n) { var box = n.renderedBoundingBox({includeLabels: false});"
        "   return box.x1 > 0 && box.y1 > 0 && box.x2 < cy.width() && box.y2 < cy.height() &&"
        "     nodes.every(function (m) { return m === n || !overlaps(box, m.renderedBoundingBox({includeLabels: false})); }); });"
        " var n = free[0]; return n ? {id: n.id(), name: n.data('label'), x: n.renderedPosition('x'), y: n.renderedPosition('y')} : null;")
    assert target, "every node overlaps another"
    left, top = d.execute_script(
        "var r = arguments[0].getBoundingClientRect(); return [r.left + arguments[0].clientLeft,"
        " r.top + arguments[0].clientTop];", container)
    actions = ActionBuilder(d)
    actions.pointer_action.move_to_location(int(left + target["x"]), int(top + target["y"])).click()
    actions.perform()
    wait_for(d, lambda drv: "/actors/" in drv.current_url, f"the page of {target['id']} open")
    assert d.current_url == f"{base_url}/actors/{quote(target['id'], safe='')}"
    assert d.find_element(By.TAG_NAME, "h1").text.startswith(target["name"])


def test_article_highlights_and_event_click_marks_its_sentence(page, sample_db, tmp_path):

    article_id = _articles_with_events(sample_db)[0]
    d = page(f"/articles/{article_id}", shot="article")
    body = d.find_element(By.ID, "body")
    for kind in ("ent", "quote", "trigger", "sent"):
        assert body.find_elements(By.CSS_SELECTOR, f".{kind}"), kind
    assert d.execute_script("return window.scrollY") == 0
    links = d.find_elements(By.CSS_SELECTOR, "a.ev-link")
    assert len(links) >= 2
    link = links[-1]  # the last event: its sentence is far down the body
    start = link.get_attribute("data-sent")
    d.execute_script("arguments[0].scrollIntoView({block: 'center'});", link)
    link.click()
    wait_for(d, lambda drv: drv.execute_script(
        "var el = document.getElementById('s' + arguments[0]); if (!el) return false;"
        " var r = el.getBoundingClientRect();"
        " return el.classList.contains('current') && r.top >= 0 && r.top < window.innerHeight;", start),
        f"sentence s{start} marked and scrolled into view")
    pieces = body.find_elements(By.CSS_SELECTOR, f'[data-sent="{start}"]')
    assert pieces and all("current" in p.get_attribute("class") for p in pieces)
    assert d.current_url.endswith(f"#s{start}")
    d.save_screenshot(str(tmp_path / "article-event.png"))
    # no other sentence is marked
    marked = body.find_elements(By.CSS_SELECTOR, ".sent.current")
    assert {m.get_attribute("data-sent") for m in marked} == {start}
