"""The rule files the package ships (``rules/*.yml``), each read once per process.

Rules are data, yet they decide the output as code does: the cache keys hash
each file's text as this process read it (``cache.code_fingerprint``), and the
rules applied are made from that very text, so an edit to a rule file while
``mkdocs serve`` runs cannot make a key and a result disagree.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

FOLDER = "rules"


@cache
def rule_text(name: str) -> str:
    """The text of ``rules/<name>``, read once."""
    return resources.files(__package__).joinpath(FOLDER, name).read_text("utf-8")


@cache
def rule_data(name: str) -> Any:
    """``rules/<name>`` parsed, once: by libyaml where PyYAML has it (the
    package's own files, not an editor's, so no line numbers are needed), as a
    re-run in a new process spent ~0.15 s parsing three rule files in Python."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(rule_text(name), Loader=loader)


def rule_names() -> tuple[str, ...]:
    """Every rule file the package has, in a stable order."""
    folder = resources.files(__package__).joinpath(FOLDER)
    return tuple(sorted(f.name for f in folder.iterdir() if f.name.endswith(".yml")))
