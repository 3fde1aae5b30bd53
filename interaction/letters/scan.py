"""The privacy scan of answers already published: which live letter pages the current redaction would change, with
the kinds it would hide, for the command `privacy_scan` and the admin report."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.urls import reverse
from wagtail.models import PageLogEntry

from interaction.privacy.redact import placeholder

from .models import Letter, PublishedLetterPage
from .review import FIELDS, Review, kind_label, page_source
from .workflow import CHECKED


@dataclass
class Finding:
    """A published page whose public text the redaction would now change."""

    page: PublishedLetterPage
    letter: Letter | None
    kinds: Counter

    @property
    def count(self) -> int:
        return sum(self.kinds.values())

    @property
    def kinds_text(self) -> str:
        return "、".join(f"{kind_label(kind)} ×{n}" for kind, n in sorted(self.kinds.items()))

    @property
    def preview_url(self) -> str:
        """The reviewer's preview to confirm the text again: from the letter when there is one, else from the page."""
        if self.letter is not None:
            return reverse("letters:preview", args=[self.letter.pk])
        return reverse("letters:preview_page", args=[self.page.pk])

    @property
    def edit_url(self) -> str:
        return reverse("wagtailadmin_pages:edit", args=[self.page.pk])


def kept_public(page: PublishedLetterPage) -> set[str]:
    """The texts the reviewer chose to keep public at the page's last confirmation."""
    entry = PageLogEntry.objects.filter(page=page, action=CHECKED).order_by("-timestamp", "-pk").first()
    return set((entry.data or {}).get("kept", [])) if entry else set()


def scan_page(page: PublishedLetterPage, letter: Letter | None) -> Finding | None:
    """What the current redaction finds in the page's public text (the writer's data from the letter, if any), less
    what a reviewer already chose to keep public."""
    review = Review(page_source(page, letter))
    skip = kept_public(page) | {placeholder()}
    kinds = Counter(
        span.kind for name in FIELDS for span in review.spans[name] if span.text_in(review.source.texts[name]) not in skip
    )
    return Finding(page, letter, kinds) if kinds else None


def published_pages():
    return PublishedLetterPage.objects.live().order_by("path")


def scan(pages: Iterable[PublishedLetterPage] | None = None, progress: Callable | None = None) -> list[Finding]:
    """Every finding over the live letter pages (or the given ones); `progress` wraps the iteration (tqdm)."""
    pages = published_pages() if pages is None else pages
    letters = {letter.published_page_id: letter for letter in Letter.objects.filter(published_page__isnull=False)}
    found = []
    for page in progress(pages) if progress else pages:
        finding = scan_page(page, letters.get(page.pk))
        if finding is not None:
            found.append(finding)
    return found
