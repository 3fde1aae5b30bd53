"""What the search answers for a query, the same on every engine: question words ignored, words no page holds
dropped (and named), typos, pinyin and English corrected (您是不是要找), the query relaxed to its most informative
words when nothing holds them all, the results ordered again (search/ranking.py), best bets, and counts per kind.

1. Every word of the query (after its question and filler words) is looked up in the index's vocabulary: a word no
   page holds is dropped, and the answer says which.
2. When a word was dropped or the query as typed finds nothing, the corrected query (search/spelling.py) is
   searched instead, if it finds something; otherwise the correction is offered as a link.
3. Otherwise, when nothing holds every word, the words are required one fewer at a time, the least informative
   (held by the most pages) left out first, down to half of them; pages holding every word still rank first.
4. A query whose words match nothing gets an empty answer with help, never pages matching one stray word.
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
from search.vocabulary import page_counts


@dataclass
class Answer:
    query: SearchQuery  # as typed (parsed)
    results: Results | None = None
    searched: SearchQuery | None = None  # what was searched in the end
    corrected: Correction | None = None  # applied: the results are for this text
    suggestion: Correction | None = None  # offered as a link
    dropped: list[str] = field(default_factory=list)  # words no page holds, left out
    optional: list[str] = field(default_factory=list)  # words not every result holds (relaxed)
    best_bets: list[dict] = field(default_factory=list)
    kind_counts: dict[str, int] = field(default_factory=dict)

    @property
    def notes(self) -> list[str]:
        notes = []
        if self.query.ignored:
            notes.append(gettext("Question words were ignored: %(words)s.") % {"words": "、".join(self.query.ignored)})
        if self.dropped:
            notes.append(gettext("No page holds %(words)s: left out of the search.") % {"words": "、".join(self.dropped)})
        if self.optional:
            notes.append(
                gettext("No page holds every word: results hold the most specific ones, and may lack %(words)s.")
                % {"words": "、".join(self.optional)}
            )
        return notes


def _group_text(group: Group) -> str:
    return "".join(group.alternatives[0])


def _found(group: Group, counts: dict[str, int]) -> bool:
    return any(all(counts.get(t, 0) for t in alt) for alt in group.alternatives)


def _rarity(group: Group, counts: dict[str, int], total: int) -> float:
    """A group's inverse page frequency: by the pages its commonest alternative's rarest token is held by."""
    pages = max(min(counts.get(t, 0) for t in alt) for alt in group.alternatives if alt)
    return math.log((total + 1) / (pages + 0.5))


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


def _ranked(run: Run, query: SearchQuery, phrase: str, groups: list[Group], weights: list[float] | None = None) -> Results:
    """The engine's results, the first ranking.DEPTH of them ordered again (relevance order only); `weights`: how
    informative each group is."""
    if query.sort != "relevance" or query.offset >= ranking.DEPTH:
        return run(query)
    depth = max(ranking.DEPTH, query.offset + query.per_page)
    results = run(replace(query, page=1, per_page=depth))
    words = [["".join(a) for a in g.alternatives] for g in groups]
    phrases = [phrase] + [p for p in ranking.phrases_of(words) if p != phrase]
    head = ranking.rerank(results.hits[: ranking.DEPTH], phrases, words, weights)
    results.hits = (head + results.hits[ranking.DEPTH :])[query.offset : query.offset + query.per_page]
    results.query = query
    return results


def _plan(query: SearchQuery) -> tuple[list[Group], list[Group], dict[str, int]]:
    """The query's groups that some page holds (rarest first) and those none holds, with the page counts."""
    groups = [g for w in query.words for g in w.groups]
    counts = page_counts({t for g in groups for alt in g.alternatives for t in alt})
    found = [g for g in groups if _found(g, counts)]
    missing = [g for g in groups if not _found(g, counts)]
    return found, missing, counts


def _attempt(run: Run, query: SearchQuery, plan=None) -> tuple[Results | None, list[Group], list[str], list[str]]:
    """The query searched strictly (every word that some page holds), then relaxed; (results, groups, dropped,
    optional). Results are None when nothing is found. `plan`: _plan(query), when already made."""
    found, missing, counts = plan or _plan(query)
    dropped = [_group_text(g) for g in missing]
    if not found:
        return None, [], dropped, []
    phrase = "".join(_group_text(g) for g in found)
    total = max(counts.values(), default=0) * 2 + 1  # a stand-in for the number of pages, large enough for the ratio
    weights = [_rarity(g, counts, total) for g in found]
    results = _ranked(run, _flat(query, found, set(range(len(found)))), phrase, found, weights)
    if results.total:
        return results, found, dropped, []
    order = sorted(range(len(found)), key=lambda i: -_information(found[i], counts, total))
    for keep in range(len(found) - 1, max(1, math.ceil(len(found) / 2)) - 1, -1):
        required = set(order[:keep])
        results = _ranked(run, _flat(query, found, required), phrase, found, weights)
        if results.total:
            optional = [_group_text(found[i]) for i in range(len(found)) if i not in required]
            return results, found, dropped, optional
    return None, found, dropped, []


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
        fixed, _fixed_groups, fixed_dropped, fixed_optional = _attempt(run, corrected)
        if fixed is not None and not fixed_dropped:
            out.corrected, out.results, out.searched, out.optional = correction, fixed, fixed.query, fixed_optional
    if out.corrected is None:
        results, _groups, dropped, optional = typed or _attempt(run, query, plan)
        out.dropped, out.optional = dropped, optional
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
