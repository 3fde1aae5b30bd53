"""Writes a FeedSource as RSS 2.0 or Atom with feedgen, with RFC 5005 paging links in both."""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

from django.utils import timezone
from feedgen.ext.base import BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from delivery.feeds import entries
from delivery.feeds.sources import FeedSource

ATOM_NS = "http://www.w3.org/2005/Atom"
FORMATS = {"rss": "application/rss+xml; charset=utf-8", "atom": "application/atom+xml; charset=utf-8"}


class PagingExtension(BaseExtension):
    """Adds atom:link first/prev/next/last to the RSS channel (feedgen writes only rel=self there)."""

    def __init__(self):
        self.links: list[tuple[str, str]] = []

    def extend_ns(self):
        return {"atom": ATOM_NS}

    def extend_rss(self, feed):
        channel = feed[0]
        for rel, href in self.links:
            etree.SubElement(channel, f"{{{ATOM_NS}}}link", href=href, rel=rel)
        return feed


class AtomEntryLinks(BaseExtension):
    """Writes an Atom entry's links with their rel, type, length and title: feedgen 1.0.0 drops these attributes."""

    def __init__(self):
        self.links: list[dict[str, str]] = []

    def extend_atom(self, entry):
        # feedgen writes its elements without a namespace (the document's default one is Atom's): replace its
        # rel-less <link>s in place, so that an attachment is one rel="enclosure", never a second "alternate".
        old = [child for child in entry if child.tag in ("link", f"{{{ATOM_NS}}}link")]
        position = list(entry).index(old[0]) if old else len(entry)
        for child in old:
            entry.remove(child)
        for offset, link in enumerate(self.links):
            element = etree.Element(old[0].tag if old else "link", {k: v for k, v in link.items() if v})
            entry.insert(position + offset, element)
        return entry


def _page_url(feed_url: str, params: dict[str, str], number: int) -> str:
    query = {**params, **({"page": str(number)} if number > 1 else {})}
    return feed_url + ("?" + urlencode(query) if query else "")


def render(source: FeedSource, fmt: str, feed_url: str, absolute) -> tuple[bytes, datetime.datetime]:
    """The feed document and the moment it last changed (the newest entry update)."""
    built = [entries.build(page, absolute) for page in source.pages]
    updated = max((e.updated for e in built), default=None) or timezone.localtime(timezone.now(), entries.SHANGHAI)

    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    paging = PagingExtension()
    fg.register_extension("paging", lambda: paging, atom=False, rss=True)
    fg.register_extension("atomlinks", BaseExtension, AtomEntryLinks, atom=True, rss=False)
    fg.id(_page_url(feed_url, source.params, 1))
    fg.title(source.title)
    fg.subtitle(source.description or source.title)
    fg.language("zh-CN")
    fg.generator("govcms")
    fg.updated(updated)
    fg.lastBuildDate(updated)
    fg.ttl(30)

    fg.link(href=_page_url(feed_url, source.params, source.number), rel="self", type=FORMATS[fmt].split(";")[0])
    rels = [("first", 1), ("last", max(source.num_pages, 1))]
    if source.number > 1:
        rels.append(("previous", source.number - 1))
    if source.number < source.num_pages:
        rels.append(("next", source.number + 1))
    for rel, number in rels:
        href = _page_url(feed_url, source.params, number)
        if fmt == "atom":
            fg.link(href=href, rel=rel)
        else:
            paging.links.append((rel, href))
    fg.link(href=absolute(source.link), rel="alternate", type="text/html")  # last: feedgen's RSS <link>

    for entry in built:
        fe = fg.add_entry(order="append")
        fe.id(entry.url)
        fe.guid(entry.url, permalink=True)
        fe.title(entry.title)
        links = [{"href": entry.url, "rel": "alternate", "type": "text/html"}]
        links += [{"href": url, "rel": "related", "title": title} for url, title in entry.related]
        links += [
            {"href": e.url, "rel": "enclosure", "type": e.mime_type, "length": str(e.length), "title": e.title}
            for e in entry.enclosures
        ]
        fe.link(links)  # RSS: <link> and the (single) <enclosure>
        fe.atomlinks.links = links
        fe.summary(entry.summary or entry.title)
        fe.published(entry.published)
        fe.updated(entry.updated)
        for name in entry.authors:
            if fmt == "atom":
                fe.author(name=name)
            else:
                fe.dc.dc_creator(name)
        for term in entry.categories:
            fe.category(term=term, label=term)
    body = fg.atom_str(pretty=True) if fmt == "atom" else fg.rss_str(pretty=True)
    return body, updated
