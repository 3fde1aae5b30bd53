"""What the search answers for a query, the same on every engine: question words ignored, words no page holds
dropped (and named), typos, pinyin and English corrected (您是不是要找), the query relaxed to its most informative
words when nothing holds them all, the results ordered again (search/ranking.py), best bets, and counts per kind.

1. Every word of the query (after its question and filler words) is looked up in the index's vocabulary: a word no
   page holds is dropped, and the answer says which.
2. When a word was dropped or the query as typed finds nothing, the corrected query (search/spelling.py) is
   searched instead, if it finds something; otherwise the correction is offered as a link.
3. A word most of the site's pages hold (the bureau's own name, on a bureau's site) is not required beside rarer
   words, as in Elasticsearch's common-terms query: it still counts in the titles, but the page that answers
   怎么联系机关事务管理局 need not name the bureau. The answer says so.
4. Otherwise, when nothing holds every word, the words are required one fewer at a time, the least informative
   (held by the most pages) left out first, down to half of them; pages holding every word still rank first.
5. A query whose words match nothing gets an empty answer with help, never pages matching one stray word.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from django.utils.translation import gettext

from search import bestbets, kinds, ranking, service
from search.engines.base import Engine, Results
from search.query import Group, SearchQuery, Word, parse_words
from search.spelling import Correction, correct
from search.vocabulary import page_counts, page_total

COMMON_SHARE = 0.5  # a word held by at least this share of the pages is not required beside rarer words
COUNT_CAP = 1000  # pages per word are counted up to this many (then further only to tell a common word)


@dataclass
class Answer:
    query: SearchQuery  # as typed (parsed)
    results: Results | None = None
    searched: SearchQuery | None = None  # what was searched in the end
    corrected: Correction | None = None  # applied: the results are for this text
    suggestion: Correction | None = None  # offered as a link
    dropped: list[str] = field(default_factory=list)  # words no page holds, left out
    optional: list[str] = field(default_factory=list)  # words not every result holds (relaxed, or common)
    common: list[str] = field(default_factory=list)  # of those, the words most pages hold (not required)
    best_bets: list[dict] = field(default_factory=list)
    kind_counts: dict[str, int] = field(default_factory=dict)

    @property
    def notes(self) -> list[str]:
        notes = []
        if self.query.ignored:
            notes.append(gettext("Question words were ignored: %(words)s.") % {"words": "、".join(self.query.ignored)})
        if self.dropped:
            notes.append(gettext("No page holds %(words)s: left out of the search.") % {"words": "、".join(self.dropped)})
        if self.common:
            notes.append(
                gettext("Most of the site's pages hold %(words)s: results need not hold it.") % {"words": "、".join(self.common)}
            )
        relaxed = [w for w in self.optional if w not in self.common]
        if relaxed:
            notes.append(
                gettext("No page holds every word: results hold the most specific ones, and may lack %(words)s.")
                % {"words": "、".join(relaxed)}
            )
        return notes


def _group_text(group: Group) -> str:
    return "".join(group.alternatives[0])


def _found(group: Group, counts: dict[str, int]) -> bool:
    return any(all(counts.get(t, 0) for t in alt) for alt in group.alternatives)


def _pages(group: Group, counts: dict[str, int]) -> int:
    """The pages a group is held by: those of its commonest alternative's rarest token."""
    return max(min(counts.get(t, 0) for t in alt) for alt in group.alternatives if alt)


def _rarity(group: Group, counts: dict[str, int], total: int) -> float:
    """A group's inverse page frequency."""
    return math.log((total + 1) / (_pages(group, counts) + 0.5))


def _information(group: Group, counts: dict[str, int], total: int) -> float:
    """How much a group says about what is wanted: its rarity times its length in characters, as a longer word is a
    more specific one."""
    return _rarity(group, counts, total) * len(_group_text(group))


def _flat(query: SearchQuery, groups: list[Group], required: set[int]) -> SearchQuery:
    """The query as one word per group, those at the given positions required."""
    words = [
        Word(text=_group_text(g), tokens=list(g.alternatives[0]), groups=[g], required=i in required)
        for i, g in enumerate(groups)
    ]
    return replace(query, words=words)


Run = Callable[[SearchQuery], Results]


def _ranked(run: Run, query: SearchQuery, groups: list[Group], weights: list[float] | None = None) -> Results:
    """The engine's results, the first ranking.DEPTH of them ordered again (relevance order only); `weights`: how
    informative each group is."""
    if query.sort != "relevance" or query.offset >= ranking.DEPTH:
        return run(query)
    depth = max(ranking.DEPTH, query.offset + query.per_page)
    results = run(replace(query, page=1, per_page=depth))
    words = [["".join(a) for a in g.alternatives] for g in groups]
    # the phrases: the words as typed run together (fillers left out) first, then with synonyms in their places
    head = ranking.rerank(results.hits[: ranking.DEPTH], ranking.phrases_of(words), words, weights)
    results.hits = (head + results.hits[ranking.DEPTH :])[query.offset : query.offset + query.per_page]
    results.query = query
    return results


def _plan(query: SearchQuery) -> tuple[list[Group], list[Group], dict[str, int]]:
    """The query's groups that some page holds (rarest first) and those none holds, with the page counts."""
    groups = [g for w in query.words for g in w.groups]
    counts = page_counts({t for g in groups for alt in g.alternatives for t in alt}, cap=COUNT_CAP)
    found = [g for g in groups if _found(g, counts)]
    missing = [g for g in groups if not _found(g, counts)]
    return found, missing, counts


def _attempt(run: Run, query: SearchQuery, plan=None) -> tuple[Results | None, list[str], list[str], list[str]]:
    """The query searched strictly (every word that some page holds, but common ones), then relaxed; (results,
    dropped, optional, common). Results are None when nothing is found. `plan`: _plan(query), when already made."""
    found, missing, counts = plan or _plan(query)
    dropped = [_group_text(g) for g in missing]
    if not found:
        return None, dropped, [], []
    total = max(page_total(), max(counts.values(), default=0) + 1)
    weights = [_rarity(g, counts, total) for g in found]
    common = _common(found, counts, total)
    # A common word is not searched at all (its weight in bm25 is nil anyway, and an engine would rank the pages
    # holding every word first); it still counts when titles are weighed.
    rare = [g for i, g in enumerate(found) if i not in common]
    results = _ranked(run, _flat(query, rare, set(range(len(rare)))), found, weights)
    common_words = [_group_text(found[i]) for i in sorted(common)]
    if results.total:
        return results, dropped, common_words, common_words
    order = sorted(range(len(found)), key=lambda i: -_information(found[i], counts, total))
    for keep in range(len(found) - 1, max(1, math.ceil(len(found) / 2)) - 1, -1):
        required = set(order[:keep])
        results = _ranked(run, _flat(query, found, required), found, weights)
        if results.total:
            optional = [_group_text(found[i]) for i in range(len(found)) if i not in required]
            return results, dropped, optional, []
    return None, dropped, [], []


def _common(found: list[Group], counts: dict[str, int], total: int) -> set[int]:
    """Positions of the groups held by at least COMMON_SHARE of the `total` pages, when some other group is rarer
    (a query of common words only keeps them all required). Counts stop at COUNT_CAP: on a large site a word that
    reached it is counted again up to the share, only then."""
    if len(found) < 2:
        return set()
    needed = math.ceil(total * COMMON_SHARE)
    pages = [_pages(g, counts) for g in found]
    maybe = [i for i, n in enumerate(pages) if n >= needed or (n >= COUNT_CAP and needed > COUNT_CAP)]
    if not maybe or len(maybe) == len(found):
        return set()
    if needed > COUNT_CAP:
        more = page_counts({t for i in maybe for alt in found[i].alternatives for t in alt}, cap=needed)
        counts = {**counts, **more}
        pages = [_pages(g, counts) for g in found]
    return {i for i in maybe if pages[i] >= needed}


def _content(query: SearchQuery) -> str:
    """The query's words without their question and filler words, as typed otherwise."""
    return " ".join("".join(_group_text(g) for g in w.groups) for w in query.words)


def answer(query: SearchQuery, correct_typos: bool = True, engine: Engine | None = None) -> Answer:
    """The whole answer to a parsed query (see the module's description); `correct_typos=False` searches the query
    as typed (the link 'search instead for …' under a corrected answer). `engine`: the engine to ask (default: the
    primary one, falling back to the embedded one)."""
    out = Answer(query=query)
    if query.is_empty:
        return out
    run = engine.search if engine is not None else service.search
    plan = _plan(query)
    correction = correct(_content(query))
    # A word no page holds: the correction is tried first, and the query as typed only if that finds nothing.
    typed = None if correction and correct_typos and plan[1] else _attempt(run, query, plan)
    if correction and correct_typos and (typed is None or typed[0] is None):
        corrected = replace(query, text=correction.text, words=parse_words(correction.text), ignored=[])
        fixed, fixed_dropped, fixed_optional, fixed_common = _attempt(run, corrected)
        if fixed is not None and not fixed_dropped:
            out.corrected, out.results, out.searched = correction, fixed, fixed.query
            out.optional, out.common = fixed_optional, fixed_common
    if out.corrected is None:
        results, dropped, optional, common = typed or _attempt(run, query, plan)
        out.dropped, out.optional, out.common = dropped, optional, common
        out.results = results or Results(query=query, engine="")
        out.searched = out.results.query
        out.suggestion = correction if correction and correction.how != "english" or results is None else None
    facets = out.results.facets
    if query.kind and out.results.total:
        unfiltered = replace(out.searched, filters={k: v for k, v in out.searched.filters.items() if k != "type"})
        facets = run(replace(unfiltered, page=1, per_page=1)).facets
    out.kind_counts = kinds.counts(facets.get("type", {}))
    if query.page == 1:
        out.best_bets = bestbets.for_query(query.text)
    return out
