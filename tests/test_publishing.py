"""Publishing a fork: one address setting, the placeholders warned about, problems
as pull-request annotations, and a near-miss key named."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from build_scripts import cli
from build_scripts.config import PLACEHOLDERS, SITE_URL_VARIABLE, site_url_override
from build_scripts.errors import DossierError, Problem

from .conftest import copy_project, run_dossier


def dossier(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str, str]:
    code = cli.main([*args, "--root", str(root)])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_site_address_can_come_from_the_environment() -> None:
    assert site_url_override({}) is None
    assert site_url_override({SITE_URL_VARIABLE: " "}) is None
    fork = {SITE_URL_VARIABLE: "https://someone.github.io/their-dossier"}
    assert site_url_override(fork) == "https://someone.github.io/their-dossier/"
    for bad in (
        "javascript:alert(1)",
        "someone.github.io",
        'https://x.org/"><b>',
        "https://x/?q=1",
    ):
        with pytest.raises(DossierError) as raised:
            site_url_override({SITE_URL_VARIABLE: bad})
        assert str(raised.value).startswith(f"{SITE_URL_VARIABLE}: error: the environment")
        assert "\n" not in str(raised.value)


def test_check_warns_while_the_addresses_are_the_examples(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(SITE_URL_VARIABLE, raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    code, _, err = dossier(capsys, project, "check")
    assert code == 0  # warnings only
    warned = [line for line in err.splitlines() if line.startswith("mkdocs.yml:")]
    assert len(warned) == 2
    assert "warning: 'site_url' is still the example address" in warned[0]
    assert "warning: 'repo_url' is still the example address" in warned[1]
    assert dossier(capsys, project, "check", "--strict")[0] == 1
    # The environment's address is the fork's: only repo_url is left to set.
    monkeypatch.setenv(SITE_URL_VARIABLE, "https://someone.github.io/dossier/")
    _, _, err = dossier(capsys, project, "check")
    assert [line for line in err.splitlines() if line.startswith("mkdocs.yml:")] == warned[1:]
    # A fork that set both is not warned.
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    for placeholder in PLACEHOLDERS.values():
        assert placeholder in text
    text = text.replace(PLACEHOLDERS["repo_url"], "https://github.com/someone/dossier")
    config.write_text(text.replace(PLACEHOLDERS["site_url"], "https://d.example.org/"), "utf-8")
    monkeypatch.delenv(SITE_URL_VARIABLE)
    _, _, err = dossier(capsys, project, "check")
    assert "mkdocs.yml:" not in err


def test_in_github_actions_problems_annotate_the_lines(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "seeds" / "000_96addfbf9afe9317.yml").write_text(
        "auther: Jane Doe\npublished: not a date\n", encoding="utf-8"
    )
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, out, _ = dossier(capsys, project, "check")
    assert code == 1
    lines = out.splitlines()
    assert (
        "::error file=seeds/000_96addfbf9afe9317.yml,line=1,title=dossier::"
        "seeds/000_96addfbf9afe9317.yml:1: error: unknown key 'auther' in the sidecar"
        " — did you mean 'author'? allowed keys: title, author,"
    ) in "\n".join(lines)
    assert any(
        line.startswith("::error file=seeds/000_96addfbf9afe9317.yml,line=2,") for line in lines
    )
    assert any(line.startswith("::warning file=mkdocs.yml,line=") for line in lines)
    # Asked for, plain lines again (on stderr, as in a terminal).
    code, out, err = dossier(capsys, project, "check", "--format", "text")
    assert not out.startswith("::") and "seeds/000_96addfbf9afe9317.yml:1: error:" in err


def test_an_annotation_is_one_command_whatever_the_file_name() -> None:
    problem = Problem(Path("seeds/a,b:c%\nd.txt"), "what\nnext", "do 100%", 3, "warning")
    assert cli.annotation(problem) == (
        "::warning file=seeds/a%2Cb%3Ac%25\\nd.txt,line=3,title=dossier::"
        "seeds/a,b:c%25\\nd.txt:3: warning: what%0Anext — do 100%25"
    )
    suggestion = Problem(Path("seeds/a.txt"), "what", "todo", None, "suggestion")
    assert cli.annotation(suggestion).startswith("::notice file=seeds/a.txt,title=dossier::")


def test_a_forks_address_gives_its_canonical_links_sitemap_and_robots(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    assert run_dossier(root, "build").returncode == 0  # as `make site` does first
    fork = "https://someone.github.io/their-dossier/"
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", SITE_URL_VARIABLE: fork}
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"],
        capture_output=True, text=True, cwd=root, env=env, check=False,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    site = root / "site"
    assert (site / "robots.txt").read_text(encoding="utf-8") == (
        f"User-agent: *\nAllow: /\n\nSitemap: {fork}sitemap.xml\n"
    )
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{fork}</loc>" in sitemap
    assert f"<loc>{fork}glossary/tianxia/</loc>" in sitemap
    assert "dossier-editors" not in sitemap
    tianxia = (site / "glossary" / "tianxia" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{fork}glossary/tianxia/">' in tianxia
    assert f'<meta property="og:url" content="{fork}glossary/tianxia/">' in tianxia
    # A wrong address stops the build in one line naming the variable.
    env[SITE_URL_VARIABLE] = "ftp://x.org/"
    refused = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"],
        capture_output=True, text=True, cwd=root, env=env, check=False,
    )  # fmt: skip
    assert refused.returncode != 0
    assert f"dossier: {SITE_URL_VARIABLE}: error: the environment variable" in refused.stderr
    assert "Traceback" not in refused.stderr
