"""The package's metadata holds together: compatible ranges in pyproject.toml, the
exact versions `make` and CI install in requirements-lock.txt, and a license."""

from __future__ import annotations

import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from .conftest import ROOT

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
LOCK = ROOT / "requirements-lock.txt"


def locked() -> dict[str, Version]:
    pins = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"{LOCK.name}: {line!r} is not name==version"
            pins[canonicalize_name(name)] = Version(version)
    return pins


def requirements() -> list[Requirement]:
    project = PROJECT["project"]
    lines = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        lines.extend(extra)
    return [Requirement(line) for line in lines]


def test_the_lock_pins_every_requirement_within_its_range() -> None:
    pins = locked()
    for requirement in requirements():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} is not in {LOCK.name}: run `make lock`"
        assert requirement.specifier.contains(pins[name]), (
            f"{LOCK.name} pins {name}=={pins[name]}, outside pyproject.toml's"
            f" {requirement}: run `make lock`"
        )


def test_requirements_are_ranges() -> None:
    """A range, not one version, so that the package installs beside others (the
    lock holds the one version tested)."""
    for requirement in requirements():
        operators = {spec.operator for spec in requirement.specifier}
        assert ">=" in operators and "<" in operators, requirement


def test_the_browser_stack_is_an_extra() -> None:
    runtime = {canonicalize_name(Requirement(r).name) for r in PROJECT["project"]["dependencies"]}
    assert not runtime & {"playwright", "pypdf"}
    pdf = {Requirement(r).name for r in PROJECT["project"]["optional-dependencies"]["pdf"]}
    assert pdf == {"playwright", "pypdf"}


def test_license_and_build_requirements_agree() -> None:
    project = PROJECT["project"]
    assert project["license"] == "MIT"
    assert project["license-files"] == ["LICENSE"]
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")
    # An SPDX license string and license-files need setuptools 77 (PEP 639).
    (setuptools,) = [Requirement(r) for r in PROJECT["build-system"]["requires"]]
    assert setuptools.name == "setuptools"
    assert not setuptools.specifier.contains("76.1") and setuptools.specifier.contains("77.0")
    assert {"Homepage", "Repository", "Issues"} <= set(project["urls"])
