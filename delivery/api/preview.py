"""Signed, expiring preview tokens that let a headless front end read a page's latest draft revision."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse
from wagtail.models import Page

SALT = "delivery.api.preview"
DEFAULT_LIFETIME = 3600


class PreviewTokenError(Exception):
    """Why a preview token is refused; the message is shown to the client."""


@dataclass
class Draft:
    page: Page  # the specific page with the revision's content applied
    revision_id: int


def lifetime() -> int:
    return int(getattr(settings, "HEADLESS_PREVIEW_TOKEN_LIFETIME", DEFAULT_LIFETIME))


def make_token(page: Page) -> str:
    """A token naming the page and its latest revision, signed with SECRET_KEY and this module's salt."""
    revision = page.latest_revision
    return signing.dumps({"page": page.pk, "revision": revision.pk if revision else None}, salt=SALT, compress=True)


def preview_url(request, page: Page) -> str:
    url = reverse("wagtailapi_v2:pages:preview") + "?token=" + make_token(page)
    return request.build_absolute_uri(url) if request else url


def read_token(token: str) -> Draft:
    """The draft a token names, or PreviewTokenError saying why not."""
    if not token:
        raise PreviewTokenError("token is required")
    try:
        data = signing.loads(token, salt=SALT, max_age=lifetime())
    except signing.SignatureExpired:
        raise PreviewTokenError(f"preview token has expired (tokens are valid for {lifetime()} seconds)") from None
    except signing.BadSignature:
        raise PreviewTokenError("preview token is invalid (bad signature)") from None
    page = Page.objects.filter(pk=data.get("page")).first() if isinstance(data, dict) else None
    if page is None:
        raise PreviewTokenError("preview token names a page that no longer exists")
    page = page.specific
    revision = page.revisions.filter(pk=data.get("revision")).first() if data.get("revision") else None
    if revision is not None:
        page = revision.as_object()
    return Draft(page=page, revision_id=revision.pk if revision else 0)
