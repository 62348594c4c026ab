"""The editors' sidecar ``seeds/<stem>.yml``: metadata and corrections for one source.

Every key is optional. What the sidecar states wins over what the text implies;
what neither states is shown as "not stated".
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any, get_args

from .errors import DossierError, Problem
from .model import Correction, Gloss, Kind, Metadata, ThesisPin
from .yamlfile import (
    Field,
    YamlKind,
    as_date,
    as_list,
    as_text,
    as_web_address,
    check_mapping,
    line_of,
    load_yaml,
    mapping_problems,
)

KINDS = get_args(Kind)
SIDECAR_MAX_BYTES = 256 * 1024
"""A sidecar holds one source's metadata and a few corrections: a few KiB."""
SIDECAR = YamlKind("a sidecar", SIDECAR_MAX_BYTES)


def _as_kind(value: Any) -> str:
    text = as_text(value).lower()
    if text not in KINDS:
        raise ValueError
    return text


def _as_language(value: Any) -> str:
    """A language code like ``en`` or ``pt-BR``: it becomes the page's ``lang``."""
    text = as_text(value)
    if not re.fullmatch(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", text):
        raise ValueError
    return text


def _as_line(value: Any) -> str:
    """Text on one line: a correction replaces words inside a paragraph."""
    text = as_text(value)
    if "\n" in text or "\r" in text:
        raise ValueError
    return text


def _as_thesis(value: Any) -> ThesisPin:
    """A ¶ number (``12`` or ``"¶12"``) or one sentence of the source, on one line."""
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 1:
            raise ValueError
        return ThesisPin(paragraph=value)
    text = _as_line(value)
    if number := re.fullmatch(r"¶?\s*(\d{1,6})", text):
        return _as_thesis(int(number.group(1)))
    if not text:
        raise ValueError
    return ThesisPin(sentence=text)


CORRECTION_FIELDS = {
    "original": Field(_as_line, "the exact source text to correct, on one line"),
    "corrected": Field(_as_line, "the corrected text, on one line"),
    "reason": Field(as_text, "why the editors corrected it"),
}

GLOSS_FIELDS = {
    "sentence": Field(_as_line, "the sentence, or its start, quoted as the source page shows it"),
    "gloss": Field(_as_line, "what the sentence leans on, in the editors' words, on one line"),
    "after": Field(_as_line, "the words of the sentence the gloss follows (default: its first)"),
}

SIDECAR_FIELDS = {
    "title": Field(as_text, "text"),
    "author": Field(as_text, "text"),
    "author_bio": Field(as_text, "text"),
    "publication": Field(as_text, "text"),
    "published": Field(as_date, "a date like 2024-06-20"),
    "url": Field(as_web_address, "a web address starting with https://"),
    "kind": Field(_as_kind, "one of: " + ", ".join(KINDS)),
    "language": Field(_as_language, "a language code like en, de or pt-BR"),
    "summary": Field(as_text, "text"),
    "thesis": Field(_as_thesis, "a ¶ number like 12, or one sentence of the source on one line"),
    "corrections": Field(as_list, "a list of corrections"),
    "glosses": Field(as_list, "a list of glosses"),
    "date": Field(as_date, "a date like 2024-06-20"),
    "source": Field(as_web_address, "a web address starting with https://"),
}
SIDECAR_ALIASES = {"date": "published", "source": "url"}
"""Other names editors use for a key (the dossier's own docs say ``published``, ``url``)."""


def load_sidecar(path: Path | None, root: Path, content: bytes | None = None) -> Metadata:
    """Load and validate a sidecar (``content``: its bytes, if already read);
    ``None`` (no sidecar) gives empty metadata. Every mistake is raised at once."""
    if path is None:
        return Metadata()
    data = load_yaml(path, root, content, SIDECAR)
    if data is None:
        return Metadata()
    values, problems = mapping_problems(data, path, SIDECAR_FIELDS, "the sidecar")
    for alias, key in SIDECAR_ALIASES.items():
        if isinstance(data, dict) and alias in data and key in data:
            problems.append(
                Problem(
                    path,
                    f"the sidecar gives both {alias!r} and {key!r}",
                    f"keep one of them ({alias!r} is another name for {key!r})",
                    line_of(data, alias),
                )
            )
        if alias in values:
            values[key] = values.pop(alias)
    if "thesis" in values:
        values["thesis"] = replace(values["thesis"], line=line_of(data, "thesis"))
    corrections = []
    items = values.pop("corrections", [])
    for index, item in enumerate(items):
        try:
            corrections.append(_correction(item, path, line_of(items, index)))
        except DossierError as error:
            problems.extend(error.problems)
    glosses = []
    items = values.pop("glosses", [])
    for index, item in enumerate(items):
        try:
            fields = check_mapping(
                item, path, GLOSS_FIELDS, "a gloss", ("sentence", "gloss"), line_of(items, index)
            )
            glosses.append(Gloss(**fields, line=line_of(items, index)))
        except DossierError as error:
            problems.extend(error.problems)
    if problems:
        raise DossierError(*sorted(problems, key=lambda p: p.line or 0))
    return Metadata(**values, corrections=tuple(corrections), glosses=tuple(glosses))


def _correction(item: object, path: Path, line: int | None) -> Correction:
    """One entry of ``corrections`` (``line``: where it is in the sidecar)."""
    fields = check_mapping(
        item, path, CORRECTION_FIELDS, "a correction", tuple(CORRECTION_FIELDS), line
    )
    if fields["original"] == fields["corrected"]:
        raise DossierError(
            Problem(
                path,
                "a correction leaves the text unchanged",
                "make 'corrected' differ from 'original', or remove it",
                line,
            )
        )
    return Correction(**fields, line=line)
