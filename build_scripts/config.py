"""Dossier-wide settings, read from the one place they live: ``mkdocs.yml``.

``site_name`` is the dossier's title, ``repo_url`` and ``edit_uri`` say where
its sources are edited, and ``extra.dossier`` holds the subject and editors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import fail
from .yamlfile import Field, as_text, as_text_list, check_mapping, line_of, load_yaml

CONFIG_FILE = Path("mkdocs.yml")

DOSSIER_FIELDS = {
    "subject": Field(as_text, "text: what the dossier is about"),
    "editors": Field(as_text_list, "a list of names"),
    "themes": Field(as_text_list, "a list of glossary terms (overrides the computed themes)"),
}


@dataclass(frozen=True)
class Settings:
    title: str
    subject: str
    editors: tuple[str, ...]
    repo_url: str | None
    branch: str
    themes: tuple[str, ...] = ()
    themes_line: int | None = None

    def view_url(self, path: str) -> str | None:
        """The repository page of a project file, for links in source notes."""
        if not self.repo_url:
            return None
        return f"{self.repo_url.rstrip('/')}/blob/{self.branch}/{path}"


def load_settings(root: Path) -> Settings:
    data = load_yaml(CONFIG_FILE, root)
    if not isinstance(data, dict) or not data.get("site_name"):
        raise fail(CONFIG_FILE, "no site_name (the dossier's title)", "add 'site_name: …'")
    extra = data.get("extra") or {}
    dossier = extra.get("dossier") if isinstance(extra, dict) else None
    if dossier is None:
        raise fail(
            CONFIG_FILE,
            "no 'extra: dossier:' settings",
            "add 'extra: {dossier: {subject: …, editors: [...]}}'",
            line_of(extra) if isinstance(extra, dict) else None,
        )
    values = check_mapping(dossier, CONFIG_FILE, DOSSIER_FIELDS, "extra.dossier", ("subject",))
    edit_uri = str(data.get("edit_uri") or "edit/main/docs/")
    branch = re.match(r"(?:edit|blob)/([^/]+)/", edit_uri)
    return Settings(
        title=str(data["site_name"]),
        subject=values["subject"],
        editors=values.get("editors", ()),
        repo_url=data.get("repo_url"),
        branch=branch.group(1) if branch else "main",
        themes=values.get("themes", ()),
        themes_line=line_of(dossier, "themes"),
    )
