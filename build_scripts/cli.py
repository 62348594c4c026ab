"""The ``dossier`` command: build the Markdown pages, or check that they are current;
finish a site another renderer built from them."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from tqdm import tqdm

from . import __version__
from .config import placeholder_problems
from .docs_folder import DOCS, diff_docs, filesystem_problem, write_docs
from .errors import DossierError, Problem, shown
from .pipeline import BuildResult, build
from .sources import DEBUG, Progress, T, internal_error

DEBUG_HELP = "on an internal error, print its traceback (to report it) instead of one line"


def _say(*lines: str) -> None:
    for line in lines:
        print(line, file=sys.stderr)


def _progress(quiet: bool) -> Progress:
    """A progress bar on stderr when a person is watching; silent in CI and pipes."""
    hidden = quiet or not sys.stderr.isatty() or bool(os.environ.get("CI"))

    def report(items: Iterable[T], total: int) -> Iterable[T]:
        return tqdm(items, total=total, desc="sources", unit=" src", disable=hidden, leave=False)

    return report


FORMATS = ("text", "github")
ANNOTATION = {"error": "error", "warning": "warning", "suggestion": "notice"}


def _default_format() -> str:
    """``github`` when run in GitHub Actions (it sets ``GITHUB_ACTIONS=true``)."""
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def _workflow_value(text: str, property: bool = False) -> str:
    """Escaped as GitHub's workflow commands read values (a property also ends at
    ``,`` and ``:``); names and messages come from sources' file names."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property else text


def annotation(problem: Problem) -> str:
    """A problem as a GitHub workflow command: shown on the pull request's line.
    The message is the whole one-line problem, so the log reads as in a terminal."""
    where = f"file={_workflow_value(shown(problem.path.as_posix()), property=True)}"
    if problem.line:
        where += f",line={problem.line}"
    message = _workflow_value(str(problem))
    return f"::{ANNOTATION[problem.severity]} {where},title=dossier::{message}"


def _report(
    problems: Sequence[Problem], strict: bool, suggestions: bool = False, form: str = "text"
) -> int:
    shown_problems = [p for p in problems if suggestions or p.severity != "suggestion"]
    if form == "github":  # workflow commands are read from standard output
        for problem in shown_problems:
            print(annotation(problem), flush=True)
    else:
        _say(*(str(p) for p in shown_problems))
    failing = any(p.severity == "error" or (strict and p.severity == "warning") for p in problems)
    return 1 if failing else 0


def _counts(result: BuildResult, more_warnings: int = 0) -> str:
    warnings, errors = len(result.warnings) + more_warnings, len(result.errors)
    return f"{warnings} warning{'s' * (warnings != 1)}, {errors} error{'s' * (errors != 1)}"


def _built(args: argparse.Namespace, progress: Progress) -> BuildResult:
    """The build as asked for.

    ``build --check`` never uses the cache: what it compares ``docs/`` with is
    computed afresh, so no cache entry, however it came to be, can make a stale
    page pass."""
    fresh = args.no_cache or getattr(args, "check", False)
    return build(args.root, progress, cache=not fresh)


def _build(args: argparse.Namespace) -> int:
    root = args.root
    result = _built(args, _progress(args.quiet))
    status = _report(result.problems, args.strict, form=args.format)
    if args.check:
        drift = diff_docs(result.pages, root)
        if drift:
            _say(
                *(f"{DOCS / p}: differs from what the sources give (stale, or edited by hand)"
                  for p in drift.changed),
                *(f"{DOCS / p}: missing" for p in drift.missing),
                *(f"{DOCS / p}: generated page whose source is gone" for p in drift.orphaned),
                "docs/ is not up to date: edit the sources (never docs/), then run `make site`",
            )  # fmt: skip
            return 1
        if not args.quiet:
            print(f"docs/ is up to date with {len(result.articles)} sources")
        return status
    if not result.complete:
        _say("docs/ was left as it is: fix the data file named above, then rebuild")
        return 1
    drift = write_docs(result.pages, root)
    if not args.quiet:
        touched = len(drift.changed) + len(drift.missing) + len(drift.orphaned)
        total = result.found
        built = f"{len(result.articles)} of {total}" if len(result.articles) < total else total
        print(
            f"{built} sources ({result.processed} read,"
            f" {result.cached} from the cache)"
            f" → {len(result.pages)} pages in {DOCS}/ ({len(result.rendered)} sources and"
            f" entries rendered, {touched} files written or removed; {_counts(result)})"
        )
        for note in result.notes:  # not a problem: on standard output, after the summary
            print(f"note: {note}")
    return status


def _check(args: argparse.Namespace) -> int:
    result = _built(args, _progress(quiet=True))
    settings = placeholder_problems(args.root)
    status = _report([*result.problems, *settings], args.strict, True, args.format)
    if not args.quiet:
        print(f"checked {len(result.articles)} sources: {_counts(result, len(settings))}")
    return status


def _finish(args: argparse.Namespace) -> int:
    """After a renderer other than MkDocs (whose plugins do the same as they
    write): edit links to the sources, the build date, robots.txt, search."""
    from .config import CONFIG, CONFIG_FILE, load_settings, site_url_override
    from .finish import Finishing, finish_site
    from .yamlfile import load_yaml

    root = args.root
    settings = load_settings(root)  # the settings checked as `dossier build` checks them
    data = load_yaml(CONFIG_FILE, root, kind=CONFIG)
    docs = str(data.get("docs_dir") or "docs")
    site = args.site if args.site is not None else root / str(data.get("site_dir") or "site")
    done = finish_site(
        site,
        root / docs,
        Finishing(docs),
        site_url_override() or settings.site_url,
        data,
        directory_urls=data.get("use_directory_urls", True) is not False,
    )
    status = _report(done.problems, strict=True, form=args.format)
    if not args.quiet and done.pages:
        search = f"; search index by Pagefind in {done.index_seconds:.1f} s"
        print(
            f"{site}: {done.pages} of {done.markdown} pages of {docs}/ finished"
            f"{search if done.index_seconds is not None else ''}"
        )
    return status


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="dossier",
        description="Turn the articles in seeds/ into the Markdown pages under docs/ "
        "that MkDocs publishes. Edit seeds/, never docs/.",
        epilog="Every problem is one line: file:line: error|warning: what — what to do. "
        "Exit status: 0 done, 1 problems to fix, 2 internal error (add --debug to a "
        "command, e.g. `dossier build --debug`, for its traceback), 130 interrupted.",
    )
    main.add_argument("--version", action="version", version=f"dossier {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", type=Path, default=Path("."), help="project folder (default: .)")
    common.add_argument("-q", "--quiet", action="store_true", help="print problems only")
    common.add_argument("--strict", action="store_true", help="treat warnings as errors")
    common.add_argument("--debug", action="store_true", help=DEBUG_HELP)
    common.add_argument(
        "--format",
        choices=FORMATS,
        default=_default_format(),
        help="how problems are printed: text lines (on stderr), or GitHub workflow commands"
        " (on stdout) that annotate the pull request's lines (default: github in GitHub"
        " Actions, else text)",
    )
    common.add_argument(
        "--no-cache",
        action="store_true",
        help="recompute every source (the cache in .cache/dossier never serves stale results)",
    )
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")
    build_cmd = commands.add_parser(
        "build",
        parents=[common],
        help="write docs/ from seeds/",
        description="Write docs/ from seeds/: only pages whose text changed are rewritten.",
    )
    build_cmd.add_argument(
        "--check",
        action="store_true",
        help="write nothing; fail, naming the files, if docs/ is stale or was edited by hand"
        " (computes every page afresh, without the cache)",
    )
    build_cmd.set_defaults(run=_build)
    check_cmd = commands.add_parser(
        "check",
        parents=[common],
        help="validate every source and data file, print every problem",
        description="Validate every source and data file; print each problem as "
        "file:line: what is wrong — what to do. Exit 1 on errors, 0 with warnings only.",
    )
    check_cmd.set_defaults(run=_check)
    finish_cmd = commands.add_parser(
        "finish",
        parents=[common],
        help="finish a site another renderer (Zensical) built from docs/",
        description="Do on a built site what the dossier's MkDocs plugins do while MkDocs"
        " writes it: edit links to the sources, the print page's build date, robots.txt,"
        " and the Pagefind search index. For a renderer that does not run them:"
        " `zensical build -f mkdocs.yml && dossier finish`. Running it twice changes nothing.",
    )
    finish_cmd.add_argument(
        "site",
        nargs="?",
        type=Path,
        help="the built site (default: site_dir in mkdocs.yml, under --root)",
    )
    finish_cmd.set_defaults(run=_finish)
    return main


@contextmanager
def _debugging(on: bool) -> Iterator[None]:
    """``--debug`` for this process and the pool workers it starts (they inherit
    the environment): internal errors are raised, not reported in one line."""
    before = os.environ.get(DEBUG)
    if on:
        os.environ[DEBUG] = "1"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(DEBUG, None)
        else:
            os.environ[DEBUG] = before


def _shown(filename: object, root: Path) -> Path:
    """A file named by an OSError, as the problems name files: from the project."""
    if not isinstance(filename, str | bytes | os.PathLike):
        return Path("dossier")
    path = Path(os.fsdecode(filename))
    try:
        return path.resolve().relative_to(root.resolve())
    except ValueError:
        return path


def main(argv: list[str] | None = None) -> int:
    """Exit 0, 1 with problems to fix (each in one line), 2 on an internal error
    (one line, or its traceback with ``--debug``), 130 when interrupted."""
    args = parser().parse_args(argv)
    try:
        with _debugging(args.debug):
            return args.run(args)
    except DossierError as error:
        _say(str(error))
        return 1
    except KeyboardInterrupt:
        return 130
    except OSError as error:  # the file system refused (read-only, disk full…)
        if args.debug:
            traceback.print_exc()
        else:
            todo = "check it, then run it again (--debug shows where it happened)"
            _say(str(filesystem_problem(_shown(error.filename, args.root), error, "used", todo)))
        return 1
    except Exception as error:
        if args.debug:
            traceback.print_exc()
        else:
            _say(str(internal_error(error, args.root)))
        return 2


if __name__ == "__main__":
    sys.exit(main())
