"""What stays in a published text although it looks like personal data: the bureau's published contacts (the Site's
identity and the phone numbers and e-mails on live standard pages), well-known public hotlines, document numbers,
and the names of bodies. Read on every publish; cached until published content changes (cms.core.changes)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db import DatabaseError
from wagtail.models import Site

from cms.core import changes
from cms.core.models import SiteIdentity, StandardPage
from interaction.privacy.normalise import digits, fold
from interaction.privacy.patterns import DIGIT_RUN, EMAIL, address_pieces

# Public service hotlines: the government service line, consumer, emergency, environment, tax, labour …
HOTLINES = frozenset(
    "12345 12315 12369 12366 12333 12320 12358 12348 12388 12309 12328 12306 12351 12356 12365 12339 12380 "
    "12318 12319 12310 12316 12317 12321 12329 12331 12336 12338 12350 12355 12363 12367 12368 12377 12386 "
    "12393 110 119 120 122 114 12110 12395 95119".split()
)
# 苏机管〔2024〕12号, 国办发[2023]5号: a document number, public by nature.
DOCUMENT_NUMBER = re.compile(r"[\u4e00-\u9fff]{0,8}[〔\[［(（【](?:19|20)\d{2}[〕\]］)）】]\s?第?\d{1,5}\s?号")
# 索引号 014000319/2024-00012
INDEX_NUMBER = re.compile(r"\d{6,12}/(?:19|20)\d{2}-\d{3,6}")
# 地址：… on a contact page, up to the end of the line or clause; or a table's 办公地址 cell and the cell after it.
ADDRESS_LINE = re.compile(r"(?:地址|办公地点|地点)(?:[:：]\s*|\"\s*,\s*\")([^，。；;\n<>\"]{4,60})")


@dataclass(frozen=True)
class PublicContacts:
    """The bureau's published phone numbers (as digits), e-mail addresses (lower case) and addresses (folded)."""

    phones: frozenset[str] = frozenset()
    emails: frozenset[str] = frozenset()
    addresses: tuple[str, ...] = field(default=())


# For staff-only text (the admin's list of letters, log entries): no allowlist to read, so no query per row; the
# bureau's own contacts are hidden there too, which staff can spare.
NO_PUBLIC_CONTACTS = PublicContacts()

# The contact pages' contacts per site, with the content generation they were read at.
_cache: dict[int, tuple[int, PublicContacts]] = {}


def public_contacts(site: Site | None = None) -> PublicContacts:
    """The published contacts of `site` (the default Site when None): its identity's phone and address, read each
    time (a settings row made anew moves no content generation), and the live standard pages' phone numbers and
    e-mails, read again only when published content changed. Nothing when the database cannot be used."""
    try:
        site = site or Site.objects.filter(is_default_site=True).first()
        if site is None:
            return PublicContacts()
        identity = SiteIdentity.objects.filter(site=site).values_list("phone", "address").first() or ("", "")
        generation = changes.current()
        cached = _cache.get(site.pk)
        if cached is None or cached[0] != generation:
            cached = _cache[site.pk] = (generation, contacts_from(_page_texts(site)))
    except (DatabaseError, RuntimeError):  # RuntimeError: a caller (a test) that may not use the database
        return PublicContacts()
    pages, own = cached[1], contacts_from([identity[0]], [identity[1]])
    return PublicContacts(pages.phones | own.phones, pages.emails | own.emails, own.addresses + pages.addresses)


def _page_texts(site: Site) -> tuple[str, ...]:
    """The summary and body of every live, public standard page of `site` (contact pages among them)."""
    pages = StandardPage.objects.live().public()
    if site.root_page_id:
        pages = pages.descendant_of(site.root_page, inclusive=True)
    return tuple(
        page.summary + "\n" + json.dumps(page.body.get_prep_value(), ensure_ascii=False) for page in pages.only("summary", "body")
    )


def contacts_from(texts: Iterable[str], addresses: Iterable[str] = ()) -> PublicContacts:
    """The phone numbers, e-mails and addresses (地址：…) that published `texts` show, with the given `addresses`."""
    phones: set[str] = set()
    emails: set[str] = set()
    found = [fold(a.strip()) for a in addresses if a and a.strip()]
    for text in texts:
        folded = fold(text or "")
        for match in DIGIT_RUN.finditer(folded):
            number = digits(match.group())
            if 5 <= len(number) <= 12:  # hotlines, landlines, mobiles: not the other numbers a page shows
                phones.add(number)
                area = re.match(r"(0\d{2,3})[ \-]", match.group())
                if area:
                    phones.add(number[len(area.group(1)) :])  # the local part alone, as letters often write it
        emails.update(m.group().lower() for m in EMAIL.finditer(folded))
        found.extend(m.group(1).strip() for m in ADDRESS_LINE.finditer(folded))
    return PublicContacts(frozenset(phones), frozenset(emails), tuple(dict.fromkeys(a for a in found if a)))


def protected(folded: str, contacts: PublicContacts) -> Iterator[tuple[int, int]]:
    """Where public items stand in `folded`: published phones and e-mails, hotlines, addresses, document numbers."""
    for match in DIGIT_RUN.finditer(folded):
        number = digits(match.group())
        if number in contacts.phones or number in HOTLINES:
            yield match.span()
        elif " " in match.group():  # two numbers side by side (0731-82219000 12345): each group on its own
            at = match.start()
            for part in re.split(r"( )", match.group()):
                if part != " " and (digits(part) in contacts.phones or digits(part) in HOTLINES):
                    yield at, at + len(part)
                at += len(part)
    for match in EMAIL.finditer(folded):
        if match.group().lower() in contacts.emails:
            yield match.span()
    for address in contacts.addresses:
        for piece in address_pieces(address):
            for match in re.finditer(re.escape(piece), folded):
                yield match.span()
    for pattern in (DOCUMENT_NUMBER, INDEX_NUMBER):
        for match in pattern.finditer(folded):
            yield match.span()
