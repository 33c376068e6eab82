"""`newsreader serve` in a real browser: Debian's Chromium (headless, driven by chromedriver)
opens the served page on 127.0.0.1 and must see the reader start in it."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
TIMEOUT = 30.0


def _free_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as sock:
        return int(sock.getsockname()[1])


def _poll(condition, what: str, timeout: float = TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.2)  # polling interval, not a wait for a guessed duration
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def served(tmp_path):
    """newsreader serve on a free port of 127.0.0.1, stopped after the test."""
    newsreader = Path(sys.executable).with_name("newsreader")
    port = _free_port()
    env = {
        **os.environ,
        "NEWSREADER_DATA_DIR": str(tmp_path / "data"),
        "NEWSREADER_CACHE_DIR": str(tmp_path / "cache"),
        "NEWSREADER_CONFIG_DIR": str(tmp_path / "config"),
    }
    env.pop("NEWSREADER_CORPUS", None)
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        [str(newsreader), "serve", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/"

    def answers() -> bool:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status == 200
        except OSError:
            return process.poll() is not None and pytest.fail((tmp_path / "serve.log").read_text())

    try:
        _poll(answers, "the server to answer")
        yield url, tmp_path / "serve.log"
    finally:
        os.killpg(process.pid, 15)
        process.wait(timeout=10)
        log.close()


def test_serve_says_where_and_listens_on_localhost_only(served):
    url, log = served
    assert "serving the reader on http://127.0.0.1:" in log.read_text()
    assert "this computer only" in log.read_text()


@pytest.mark.skipif(
    not (shutil.which(CHROMIUM) and shutil.which(CHROMEDRIVER)),
    reason="Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)",
)
def test_the_reader_starts_in_a_real_browser(served, tmp_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    url, _ = served
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'chromium'}",
        "--window-size=1280,800",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    try:
        driver.set_page_load_timeout(TIMEOUT)
        driver.get(url)
        # textual.js marks the page when the first bytes of the reader's screen arrive.
        _poll(
            lambda: driver.execute_script("return document.body.classList.contains('-first-byte')"),
            "the reader's first screen in the page",
        )
        # Then the tree and the article: a screen full of text compresses far less than the
        # loading screen (9 KB at 1280x800) or a blank page.
        shot = tmp_path / "reader.png"
        _poll(
            lambda: driver.save_screenshot(str(shot)) and shot.stat().st_size > 40_000,
            "the tree and an article drawn in the page",
        )
    finally:
        driver.quit()
