"""Dossier-wide settings, read from the one place they live: ``mkdocs.yml``.

``site_name`` is the dossier's title, ``repo_url`` and ``edit_uri`` say where
its sources are edited, and ``extra.dossier`` holds the subject and editors.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .errors import DossierError, Problem
from .yamlfile import (
    Field,
    YamlKind,
    as_text,
    as_text_list,
    as_web_address,
    line_of,
    load_yaml,
    mapping_problems,
)

CONFIG_FILE = Path("mkdocs.yml")
CONFIG_MAX_BYTES = 1024 * 1024
"""The project's mkdocs.yml is 3 KiB."""
CONFIG = YamlKind("mkdocs.yml", CONFIG_MAX_BYTES, settings=True)


def _as_title(value: Any) -> str:
    """The dossier's title: Material also puts it in the logo's hover card, which
    takes it as HTML (an escape cannot serve both that and the page text), so a
    title holds no angle brackets."""
    text = as_text(value)
    if not text or "<" in text or ">" in text:
        raise ValueError
    return text


def _as_mapping(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise TypeError
    return value


def _as_edit_path(value: Any) -> str:
    """A path under ``repo_url`` (``edit/main/docs/``), or a whole http(s)
    address: it becomes the href of "Edit this page" (``javascript:`` would run)."""
    text = as_text(value)
    parts = urlsplit(text)
    if parts.scheme or parts.netloc:
        as_web_address(text)  # a whole address: http(s) only
    if any(c.isspace() or c in '<>"`\\' for c in text):
        raise ValueError
    return text


def _as_site_url(value: Any) -> str:
    """The published site's address: the base of its canonical links, sitemap and
    link previews. A plain http(s) address with no query or fragment."""
    address = as_web_address(value)
    parts = urlsplit(address)
    if parts.query or parts.fragment:
        raise ValueError
    return address if address.endswith("/") else address + "/"


SITE_FIELDS = {
    "site_name": Field(_as_title, "the dossier's title, as text (without < or >)"),
    "site_url": Field(
        _as_site_url, "the published site's address, like https://you.github.io/dossier/"
    ),
    "repo_url": Field(as_web_address, "the repository's web address, starting with https://"),
    "edit_uri": Field(_as_edit_path, "a path like edit/main/docs/ (or an https:// address)"),
    "edit_uri_template": Field(
        _as_edit_path, "a path like edit/main/docs/{path} (or an https:// address)"
    ),
    "extra": Field(_as_mapping, "a mapping with the key dossier"),
}
"""The keys of mkdocs.yml the pipeline reads (MkDocs checks the others)."""

DOSSIER_FIELDS = {
    "subject": Field(as_text, "text: what the dossier is about"),
    "editors": Field(as_text_list, "a list of names"),
    "themes": Field(as_text_list, "a list of glossary terms (overrides the computed themes)"),
}


SITE_URL_VARIABLE = "DOSSIER_SITE_URL"
"""The environment variable that overrides ``site_url`` for one build: a fork's
CI (the address GitHub Pages gives it) or a preview, without editing mkdocs.yml."""

PLACEHOLDERS = {
    "site_url": "https://dossier-editors.github.io/dossier/",
    "repo_url": "https://github.com/dossier-editors/dossier",
}
"""The addresses mkdocs.yml ships with, which a fork replaces by its own."""


def site_url_override(environ: Mapping[str, str] = os.environ) -> str | None:
    """``DOSSIER_SITE_URL`` when set (and not empty), checked as ``site_url`` is."""
    value = environ.get(SITE_URL_VARIABLE, "").strip()
    if not value:
        return None
    try:
        return _as_site_url(value)
    except (TypeError, ValueError):
        raise DossierError(
            Problem(
                Path(SITE_URL_VARIABLE),
                f"the environment variable should be {SITE_FIELDS['site_url'].expected},"
                f" not {value[:60]!r}",
                "set it to the site's http(s) address, or unset it to use mkdocs.yml's",
            )
        ) from None


def placeholder_problems(root: Path) -> list[Problem]:
    """A warning for each address in mkdocs.yml still the one the project ships
    with: every "Edit this page" link (repo_url), or every canonical link and the
    sitemap (site_url, unless ``DOSSIER_SITE_URL`` is set), would point at it."""
    data = load_yaml(CONFIG_FILE, root, kind=CONFIG)
    if not isinstance(data, dict):
        return []
    problems = []
    for key, placeholder in PLACEHOLDERS.items():
        value = data.get(key)
        if not isinstance(value, str) or value.rstrip("/") != placeholder.rstrip("/"):
            continue
        if key == "site_url" and os.environ.get(SITE_URL_VARIABLE, "").strip():
            continue
        todo = {
            "repo_url": "set it to your repository's address (and repo_name to its owner/name)",
            "site_url": f"set it to your site's address, or set {SITE_URL_VARIABLE} when building",
        }[key]
        problems.append(
            Problem(
                CONFIG_FILE,
                f"{key!r} is still the example address {placeholder}",
                todo,
                line_of(data, key),
                "warning",
            )
        )
    return problems


@dataclass(frozen=True)
class Settings:
    title: str
    subject: str
    editors: tuple[str, ...]
    repo_url: str | None
    branch: str
    themes: tuple[str, ...] = ()
    themes_line: int | None = None
    site_url: str | None = None
    """mkdocs.yml's ``site_url``, for the sources' permalinks in the pages; never
    ``DOSSIER_SITE_URL``, so that the pages are the same whatever the build's
    environment (a preview's canonical links follow the variable)."""

    def view_url(self, path: str) -> str | None:
        """The repository page of a project file, for links in source notes."""
        if not self.repo_url:
            return None
        return f"{self.repo_url.rstrip('/')}/blob/{self.branch}/{path}"


def _branch(edit_uri: str | None) -> str:
    """The branch named in ``edit_uri`` (``edit/<branch>/docs/``), else main.
    Only a plain name is taken: it becomes part of links in source notes."""
    found = re.match(r"(?:edit|blob)/([\w.-]+)/", edit_uri or "")
    return found.group(1) if found else "main"


def load_settings(root: Path) -> Settings:
    """The dossier's settings; every mistake in them is raised at once."""
    data = load_yaml(CONFIG_FILE, root, kind=CONFIG)
    values, problems = mapping_problems(
        data, CONFIG_FILE, SITE_FIELDS, "mkdocs.yml", ("site_name",), others_allowed=True
    )
    if isinstance(data, dict) and "INHERIT" in data:
        problems.append(
            Problem(
                CONFIG_FILE,
                "'INHERIT' would bring in settings from another file, unseen by the dossier",
                "copy the settings you need into mkdocs.yml and remove 'INHERIT'",
                line_of(data, "INHERIT"),
            )
        )
    extra = data.get("extra") if isinstance(data, dict) else None
    dossier = extra.get("dossier") if isinstance(extra, dict) else None
    if dossier is not None:
        found, more = mapping_problems(
            dossier,
            CONFIG_FILE,
            DOSSIER_FIELDS,
            "extra.dossier",
            ("subject",),
            line_of(extra, "dossier"),
        )
        values.update(found)
        problems.extend(more)
    elif isinstance(data, dict) and (extra is None or isinstance(extra, dict)):
        problems.append(
            Problem(
                CONFIG_FILE,
                "no 'extra: dossier:' settings",
                "add 'extra: {dossier: {subject: …, editors: [...]}}'",
                line_of(extra) or line_of(data),
            )
        )
    if problems:
        raise DossierError(*problems)
    return Settings(
        title=values["site_name"],
        subject=values["subject"],
        editors=values.get("editors", ()),
        repo_url=values.get("repo_url"),
        branch=_branch(values.get("edit_uri")),
        themes=values.get("themes", ()),
        themes_line=line_of(dossier, "themes"),
        site_url=values.get("site_url"),
    )
