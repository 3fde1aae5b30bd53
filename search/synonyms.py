"""Editors' synonyms: the term → alternatives map the embedded engine expands queries with, and the Elasticsearch rule text."""

from __future__ import annotations

from pathlib import Path

from django.core.cache import cache

from search.models import SynonymRule
from search.segment import query_tokens

CACHE_KEY = "sitesearch:synonyms:v1"


def synonym_map() -> dict[str, list[str]]:
    """Every word that has synonyms, with the words it should also find (cached until a rule changes)."""
    cached = cache.get(CACHE_KEY)
    if cached is not None:
        return cached

    mapping: dict[str, list[str]] = {}
    for rule in SynonymRule.objects.all():
        words = rule.synonym_list
        term = rule.term.strip().lower()
        if not term or not words:
            continue
        mapping.setdefault(term, [])
        mapping[term] += [w.lower() for w in words if w.lower() not in mapping[term]]
        if rule.two_way:
            group = [term, *[w.lower() for w in words]]
            for word in group[1:]:
                mapping.setdefault(word, [])
                mapping[word] += [w for w in group if w != word and w not in mapping[word]]
    cache.set(CACHE_KEY, mapping, 300)
    return mapping


def forget() -> None:
    cache.delete(CACHE_KEY)


def elasticsearch_rules() -> list[dict[str, str]]:
    """The rules in Solr format over jieba tokens, as Elasticsearch's synonym_graph filter reads them.

    Each side is cut as queries are cut, so the whitespace tokenizer of the search analyzer sees the same tokens.
    """
    rules = []
    for term, words in sorted(synonym_map().items()):
        lhs = " ".join(query_tokens(term))
        rhs = ", ".join([lhs, *[" ".join(query_tokens(w)) for w in words]])
        if lhs:
            rules.append({"id": f"r{len(rules) + 1}", "synonyms": f"{lhs} => {rhs}"})
    return rules


DICTIONARY = Path(__file__).resolve().parent / "data" / "synonyms.tsv"


def dictionary_rules() -> list[tuple[str, str, bool]]:
    """(term, also find, both ways) of the dictionary shipped with the site (search/data/synonyms.tsv)."""
    rules = []
    for line in DICTIONARY.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        term, words, two_way = line.split("\t")
        rules.append((term.strip(), words.strip().replace(",", "，"), two_way.strip() == "1"))
    return rules


def load_dictionary(model=SynonymRule) -> int:
    """Add the shipped rules whose word is not yet kept (an editor's own rule for a word wins). Returns how many."""
    have = set(model.objects.values_list("term", flat=True))
    new = [model(term=t, synonyms=w, two_way=b) for t, w, b in dictionary_rules() if t not in have]
    model.objects.bulk_create(new)
    forget()
    return len(new)
