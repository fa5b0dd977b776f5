"""End to end: the real ``credibility dashboard`` server in a real headless Chromium (Playwright).

Every request the page makes is watched: one that would leave the machine (any host but the dashboard's own
127.0.0.1 address) is blocked and fails the test, as nothing may be fetched at run time (fonts, icons, …).

Needs Debian's ``chromium`` (/usr/bin/chromium) and the ``playwright`` Python package; the set-up tries to
install chromium with apt-get when it runs as root, and skips with the reason otherwise. Screenshots go
to ``$CREDIBILITY_SCREENSHOT_DIR`` (default ``artifacts/screenshots``); ``docs/screenshots`` holds the
ones shown in the README.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
]  # fmt: skip
INJECTION = (
    "Officials said on Monday that the bridge might reopen next week, according to the city.\n\n"
    '<script>window.__pwned = "script"</script> <img src=x onerror="window.__pwned = \'img\'"> '
    "Experts say the repairs could possibly cost more than expected."
)


def _ensure_chromium() -> str | None:
    """Path of Debian's chromium, installing it when possible; None when it cannot be had."""
    if CHROMIUM.exists():
        return str(CHROMIUM)
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        for command in (["apt-get", "update", "-q"], ["apt-get", "install", "-y", "-q", "chromium"]):
            subprocess.run(command, env=env, capture_output=True, timeout=900, check=False)
    return str(CHROMIUM) if CHROMIUM.exists() else None


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    executable = _ensure_chromium()
    if executable is None:
        pytest.skip("no browser: /usr/bin/chromium is missing and could not be installed with apt-get")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS, headless=True)
        yield browser
        browser.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """``credibility dashboard`` on a free local port, stopped after the module's tests."""
    port = _free_port()
    log = tmp_path_factory.mktemp("server") / "streamlit.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "credibility.cli", "dashboard", "--headless", "--host", "127.0.0.1",
             "--port", str(port)],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + RENDER_WAIT_MS / 1000  # a bound on a server that never starts, not a speed test
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"dashboard server did not start:\n{log.read_text(errors='replace')[-3000:]}")
            time.sleep(0.3)
        yield url
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def shots() -> Path:
    folder = Path(os.environ.get("CREDIBILITY_SCREENSHOT_DIR", ROOT / "artifacts" / "screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# How long a page may take to show something before the test gives up. A bound on a hung page, not a speed
# requirement: a loaded CI machine rendered a 30 s wait too slowly before.
RENDER_WAIT_MS = 600_000


LOCAL_SCHEMES = ("data:", "blob:", "about:", "chrome:", "chrome-extension:")


@pytest.fixture
def external_requests(server) -> list[str]:
    """URLs the page asked for outside the dashboard server (filled by the ``page`` fixture)."""
    return []


@pytest.fixture
def page(browser, server, external_requests):
    """A fresh page that blocks and records every request not addressed to the dashboard server; the test
    fails afterwards if there was any."""
    context = browser.new_context(viewport={"width": 1400, "height": 3000})
    origin = urllib.parse.urlsplit(server).netloc

    def local(url: str) -> bool:
        return url.startswith(LOCAL_SCHEMES) or urllib.parse.urlsplit(url).netloc == origin

    def watch(route) -> None:
        if local(route.request.url):
            route.continue_()
        else:
            external_requests.append(route.request.url)
            route.abort()

    context.route("**/*", watch)
    page = context.new_page()
    page.on("websocket", lambda ws: None if local(ws.url) else external_requests.append(ws.url))
    page.set_default_timeout(RENDER_WAIT_MS)
    page.set_default_navigation_timeout(RENDER_WAIT_MS)
    yield page
    context.close()
    assert external_requests == [], f"the dashboard requested resources from outside the machine: {external_requests}"


def settle(page, timeout: int = RENDER_WAIT_MS) -> None:
    """Wait until the script run is over, no element is still a loading skeleton and charts are drawn."""
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=stStatusWidget]')"
        " && !document.querySelector('[data-testid=stSkeleton]')",
        timeout=timeout,
    )
    page.wait_for_timeout(1500)


def paste_and_analyze(page, text: str):
    page.get_by_label("Article text").fill(text)
    page.get_by_role("button", name="Analyze", exact=True).click()
    article = page.locator(".cred-article")
    article.wait_for(timeout=RENDER_WAIT_MS)
    page.get_by_text("Signals against human news and machine text").wait_for(timeout=RENDER_WAIT_MS)
    settle(page)
    return article


def test_analyze_page_in_browser(server, page, shots, example_text):
    page.goto(server, wait_until="domcontentloaded")
    text = example_text("well_sourced_en")
    article = paste_and_analyze(page, text)
    page.screenshot(path=str(shots / "analyze.png"))
    assert article.inner_text().startswith(text.split("\n", 1)[0])
    marks = article.locator("mark.cred-span")
    assert marks.count() >= 3
    assert page.locator(".cred-legend .cred-chip").count() >= 2
    assert page.locator("[data-testid=stVegaLiteChart]").count() >= 1


@pytest.mark.parametrize(("example", "shot"), [("ai_summary_en", "analyze_ai_summary_en.png"),
                                               ("well_sourced_nl", "analyze_original_nl.png")])
def test_verdict_block_and_passages_in_browser(server, page, shots, example_text, example, shot):
    page.set_viewport_size({"width": 1400, "height": 3400})
    page.goto(server, wait_until="domcontentloaded")
    paste_and_analyze(page, example_text(example))
    page.locator(".cred-passages").wait_for(timeout=RENDER_WAIT_MS)
    verdicts = page.locator(".cred-verdict")
    assert verdicts.count() == 2
    # a reason opens onto its evidence, and the evidence link jumps to the highlighted span
    reason = page.locator("details.cred-reason").first
    reason.locator("summary").click()
    link = reason.locator("a.cred-evidence").first
    target = link.get_attribute("href")
    assert page.locator(f"mark{target}").count() == 1
    link.click()
    page.wait_for_function("(id) => window.location.hash === id || document.querySelector(id)", arg=target)
    settle(page)
    page.evaluate("() => window.scrollTo(0, 0)")
    page.locator("[data-testid=stMain]").evaluate("(main) => main.scrollTo(0, 0)")
    page.screenshot(path=str(shots / shot))


def test_analyze_deep_link_opens_the_analyze_page(server, page):
    """/analyze opened 'Page not found' while /batch, /compare and /model worked."""
    page.goto(f"{server}/analyze", wait_until="domcontentloaded")
    page.get_by_role("heading", name="Analyze an article").wait_for(timeout=RENDER_WAIT_MS)
    settle(page)
    assert page.get_by_text("Page not found").count() == 0
    assert page.get_by_label("Article text").count() == 1


def test_compare_page_in_browser(server, page, shots):
    page.goto(f"{server}/compare", wait_until="domcontentloaded")
    page.get_by_role("heading", name="Compare versions of one story").wait_for(timeout=RENDER_WAIT_MS)
    page.get_by_text("Claims by source").wait_for(timeout=RENDER_WAIT_MS)
    settle(page)
    page.screenshot(path=str(shots / "compare.png"))
    assert page.locator("[data-testid=stMetric]").count() == 3


def test_pasted_markup_never_runs_in_browser(server, page, tmp_path):
    page.goto(server, wait_until="domcontentloaded")
    article = paste_and_analyze(page, INJECTION)
    page.screenshot(path=str(tmp_path / "analyze_injection.png"))
    # The pasted markup is shown as text and never runs.
    assert "<script>window.__pwned" in article.inner_text()
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator(".cred-article script, .cred-article img").count() == 0
    # Evidence spans are highlighted, with the reason on hover.
    marks = article.locator("mark.cred-span")
    assert marks.count() >= 1
    assert marks.first.get_attribute("title")


def test_batch_page_in_browser(server, page, shots):
    page.goto(f"{server}/batch", wait_until="domcontentloaded")
    page.locator("input[type=file]").set_input_files(str(DATA / "articles.csv"))
    page.get_by_text("articles analysed").wait_for(timeout=RENDER_WAIT_MS)
    page.get_by_text("Per source").wait_for(timeout=RENDER_WAIT_MS)
    settle(page)
    page.screenshot(path=str(shots / "batch.png"))
    assert page.get_by_text("6 articles analysed").count() == 1
    assert page.get_by_role("button", name="Results as CSV").count() == 1


def test_model_page_in_browser(server, page, shots):
    page.goto(f"{server}/model", wait_until="domcontentloaded")
    page.get_by_role("heading", name="Models").wait_for(timeout=RENDER_WAIT_MS)
    settle(page)
    page.screenshot(path=str(shots / "model.png"))
