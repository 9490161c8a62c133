"""End to end in a real browser: Debian's chromium driven by Playwright against the app
served by uvicorn on 127.0.0.1. Screenshots go to $NEURODIFF_SCREENSHOTS (default: tmp)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

pytestmark = pytest.mark.slow
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "neurodiff", "serve", "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "Debian chromium is required (make test installs it)"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield instance
        instance.close()


@pytest.fixture()
def page(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 420, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    yield tab
    context.close()
    assert not errors, f"browser console errors: {errors}"


def shots() -> Path:
    folder = Path(os.environ.get("NEURODIFF_SCREENSHOTS", "/tmp/neurodiff-screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_complete_an_interview_on_a_phone_sized_screen(server: str, page: Page) -> None:
    page.goto(server + "/")
    page.fill("#age", "61")
    page.check("input[name=setting][value=neurology]")
    page.click("button[type=submit]")
    page.screenshot(path=str(shots() / "checker-first-question.png"), full_page=True)
    for _ in range(30):
        if page.locator("#summary").count():
            break
        if page.locator("input[name=tick]").count():
            page.locator("input[name=tick]").first.check()
        else:
            page.locator("input[name=answer][value=unknown]").check()
        page.click("button[value=answer]")
    assert page.locator("#summary").count() == 1
    assert "What to do next" in page.inner_text("#summary")
    page.screenshot(path=str(shots() / "checker-summary.png"), full_page=True)


def test_open_a_comparison(server: str, page: Page) -> None:
    page.goto(server + "/compare")
    assert page.locator("table.compare tbody tr").count() >= 10
    first_row = page.locator("table.compare tbody tr").first.inner_text()
    assert "Muscle weakness (arms and legs)" in first_row
    page.click("text=Neuromyelitis optica spectrum disorder vs Multiple sclerosis")
    assert "Neuromyelitis" in page.inner_text("h1")
    page.screenshot(path=str(shots() / "compare.png"), full_page=True)


def test_use_the_clinician_page(server: str, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    tab = context.new_page()
    tab.goto(server + "/clinician")
    tab.fill("#filter", "fascic")
    visible = tab.locator(".finding:visible").count()
    assert 1 <= visible < 10
    tab.check("input[name=f_fasciculations][value=present]")
    tab.fill("#filter", "")
    tab.check("input[name=f_muscle_atrophy][value=present]")
    tab.check("input[name=f_hyperreflexia][value=present]")
    tab.fill("input[name=age]", "64")
    tab.click("text=Assess")
    assert tab.locator("svg.waterfall").count() == 1
    assert "Amyotrophic lateral sclerosis" in tab.inner_text("#results")
    tab.screenshot(path=str(shots() / "clinician.png"), full_page=True)
    context.close()
