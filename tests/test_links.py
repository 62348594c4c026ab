"""The built site's links and markup, checked by tools independent of MkDocs.

- linkinator (npm) crawls the built folder, every page and asset it links to;
- a small checker here resolves every internal link *and its #anchor* against the
  built files (linkinator 7.6's --check-fragments misses a bad anchor on a page it
  has already visited, so it cannot be relied on for anchors);
- the W3C Nu HTML checker (npm vnu-jar, on Debian's Java) validates every page.

`make test` installs the npm tools into node_modules/ and Java when missing; elsewhere
these tests are skipped, except in CI, where a missing tool is a failure.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from .conftest import ROOT, mount_path

NODE_BIN = ROOT / "node_modules" / ".bin"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Made by `make pdf` and `make epub` after `mkdocs build`, so absent from the site the
# tests build (the home page links both).
NOT_BUILT_HERE = ("dossier.pdf", "dossier.epub")

# Errors the Nu checker reports in markup that comes from Material for MkDocs' own
# templates (9.8.1), never from ours; each with why it is left alone. Anything else
# fails the test.
MATERIAL_ERRORS = {
    # partials/nav-item.html writes tabindex="" on the label of a section that has an
    # index page (navigation.indexes): harmless, browsers treat it as absent.
    r"Bad value “” for attribute “tabindex” on element “label”": 'tabindex=""',
    # base.html's drawer/search toggles are checkboxes with autocomplete="off", which
    # Material sets on purpose so Firefox does not restore them on reload.
    r"Attribute “autocomplete” is only allowed when the input type is": 'autocomplete="off"',
    # partials/toc.html's title labels the __toc toggle, which Material leaves out on
    # pages whose table of contents is empty.
    r"The value of the “for” attribute of the “label” element must be the ID of a "
    r"non-hidden form control": 'for="__toc"',
}


def need_tool(path: Path | str | None, what: str) -> None:
    if path and Path(path).exists():
        return
    message = f"{what} not found: run `make test`, which installs it"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def test_linkinator_finds_no_broken_link(built_site: Path) -> None:
    need_tool(NODE_BIN / "linkinator", "linkinator (npm)")
    skips = ["--skip", r"^https?://(?!localhost|127\.0\.0\.1)"]  # other hosts: not reached here
    for name in NOT_BUILT_HERE:
        skips += ["--skip", re.escape(name) + "$"]
    run = subprocess.run(
        [str(NODE_BIN / "linkinator"), str(built_site), "--recurse", "--check-fragments",
         *skips, "--format", "json"],
        capture_output=True, text=True, cwd=built_site.parent, check=False, timeout=600,
    )  # fmt: skip
    report = json.loads(run.stdout)
    broken = [f"{link.get('parent')} → {link['url']}" for link in report["links"]
              if link["state"] == "BROKEN"]  # fmt: skip
    assert not broken, "broken links:\n" + "\n".join(broken)
    pages = {link["url"] for link in report["links"] if link["url"].endswith("/")}
    assert len(pages) > 50, f"linkinator saw only {len(pages)} pages"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if found.get(key):
                self.ids.add(found[key])
        link = found.get("href") if tag in ("a", "link", "area") else found.get("src")
        if link:
            self.links.append(link)


def _target(page: Path, site: Path, link: str) -> tuple[Path, str] | None:
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("mailto:", "javascript:")):
        return None
    path = unquote(parts.path)
    target = page if not path else (page.parent / path).resolve()
    if path.startswith("/"):
        mount = mount_path(site)
        path = "/" + path.removeprefix(mount) if path.startswith(mount) else path
        target = (site / path.lstrip("/")).resolve()
    if target.is_dir() or path.endswith("/"):
        target = target / "index.html"
    return target, unquote(parts.fragment)


def test_every_internal_link_and_anchor_resolves(built_site: Path) -> None:
    parsed: dict[Path, _Links] = {}

    def parse(html: Path) -> _Links:
        if html not in parsed:
            parser = _Links()
            parser.feed(html.read_text(encoding="utf-8"))
            parsed[html] = parser
        return parsed[html]

    problems = []
    pages = sorted(built_site.rglob("*.html"))
    for page in pages:
        for link in parse(page).links:
            found = _target(page, built_site, link)
            if found is None:
                continue
            target, fragment = found
            where = f"{page.relative_to(built_site)}: {link}"
            if target.name in NOT_BUILT_HERE:
                continue
            if not target.is_file():
                problems.append(f"{where}: no such file")
            elif fragment and target.suffix == ".html" and fragment not in parse(target).ids:
                problems.append(f"{where}: no #{fragment} on that page")
    assert not problems, "broken internal links:\n" + "\n".join(problems)
    assert len(pages) > 50


def test_checker_catches_a_bad_anchor(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/#nope">x</a><a href="#top" id="top">t</a>')
    (tmp_path / "a" / "index.html").write_text('<h1 id="yes">a</h1>')
    with pytest.raises(AssertionError, match="no #nope"):
        test_every_internal_link_and_anchor_resolves(tmp_path)


def test_nu_validator_finds_no_error_in_our_markup(built_site: Path) -> None:
    need_tool(VNU_JAR, "vnu-jar (npm)")
    need_tool(shutil.which("java"), "Java (Debian default-jre-headless)")
    run = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--skip-non-html",
         str(built_site)],
        capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip
    assert run.returncode in (0, 1), run.stderr[-2000:]
    messages = json.loads(run.stderr)["messages"]
    ours = [
        f"{m.get('url', '').rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
        f" [{(m.get('extract') or '').strip()[:120]}]"
        for m in messages
        if not any(re.search(pattern, m["message"]) for pattern in MATERIAL_ERRORS)
    ]
    assert not ours, "Nu HTML checker errors:\n" + "\n".join(ours)
