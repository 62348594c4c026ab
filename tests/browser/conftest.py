"""The built site in a real browser: Debian's Chromium driven by Playwright, headless.

The site is built once per session (``built_site``, see tests/conftest.py), served on
127.0.0.1 by Python's http.server in a thread, and opened in ``/usr/bin/chromium``
(Playwright never downloads a browser of its own). `make test` installs Chromium when
it is missing; elsewhere the browser tests are skipped, except in CI, where a missing
browser is a failure.
"""

from __future__ import annotations

import functools
import ipaddress
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from ..conftest import ROOT, mount_path

# DOSSIER_CHROMIUM: another Chromium build (CI on Ubuntu: Google Chrome), as for the PDF.
CHROMIUM = os.environ.get("DOSSIER_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Flags for a closed network: without the background-networking ones Chromium keeps
# trying to reach Google's hosts, which would show up as requests (see test_privacy.py).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
]


def is_local(url: str) -> bool:
    """A request the reader's machine answers itself (the site is served on 127.0.0.1)."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    host = parts.hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


BLOCKING = ("serious", "critical")


def run_axe(page) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['impact']} {v['id']}: {v['help']} ({[n['target'] for n in v['nodes'][:3]]})"
        for v in result["violations"]
        if v["impact"] in BLOCKING
    ]


def need(path: Path | str, what: str) -> None:
    """Skip when a tool is missing on a developer's machine; fail in CI."""
    if Path(path).exists():
        return
    message = f"{what} not found at {path}: run `make test`, which installs it"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


class _Quiet(SimpleHTTPRequestHandler):
    mount = "/"
    """The path the site is served under; any other path is not found."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.mount):
            return str(Path(self.directory) / "no such page")
        return super().translate_path("/" + path.removeprefix(self.mount))


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """``site`` on a free port of 127.0.0.1, under its site_url's path as GitHub
    Pages serves it: the address of its home page."""
    mount = mount_path(site)
    handler = functools.partial(type("Mounted", (_Quiet,), {"mount": mount}), directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{mount}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site, served on a free port of 127.0.0.1."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """One Chromium per test module: Playwright's sync API allows one instance per
    thread, so it must be stopped before other tests (the PDF's) start their own."""
    need(CHROMIUM, "Chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, site_url: str) -> Iterator[object]:
    """A fresh page (own context: no cache, no storage) at desktop size, light scheme."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, base_url=site_url, color_scheme="light"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the built site, as a path relative to its root ("" is home)."""
    pages = []
    for html in sorted(site.rglob("*.html")):
        relative = html.relative_to(site).as_posix()
        if relative.endswith("index.html"):
            relative = relative.removesuffix("index.html")
        pages.append(relative)
    return pages
