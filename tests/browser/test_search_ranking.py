"""The site's search box ranks as the search benchmark measures: with the ranking its
``<pagefind-config data-ranking>`` gives (overrides/main.html), not Pagefind's default.

The benchmark (benchmarks/bench_search_queries.py) asks Pagefind's API with that
ranking; this checks that the dialog a reader types into uses it too.
"""

from __future__ import annotations

import json

from .test_search import search

PERSON = "people/carl-schmitt/"
ARTICLES = {
    "sources/north-korea-joins-russia-in-ukraine-conflict-a-dangerous/",
    "sources/north-koreas-shadow-in-ukraine-analyzing-potential-alliances/",
}


def test_the_ranking_is_stated_once_on_the_page(page) -> None:
    page.goto("")
    ranking = page.eval_on_selector("pagefind-config", "c => c.dataset.ranking")
    assert json.loads(ranking)["pageLength"] == 0


def test_a_name_finds_its_page_then_the_articles_that_use_it(page) -> None:
    """Source 000 names Schmitt once in 1,100 words; the Grossraum glossary page names
    him eight times in passing: the articles come first (issue 17, must-have 5)."""
    results = search(page, "Schmitt")
    assert results[0] == PERSON, results[:5]
    assert set(results[1:3]) == ARTICLES, results[:5]
