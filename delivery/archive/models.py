"""The web archive's records: the queue of publications waiting to be archived, one capture (a gzipped WARC file of
the page's HTML and the files it shows) per published version, and the files already archived in a year (so a file
that has not changed is written once a year and referred to by a revisit record after that).

Captures name the page by id, title and address, not by a foreign key: a page that expires or is deleted stays in the
archive, with every version it had."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from govcms.storage import private_storage


class Pending(models.Model):
    """A publication waiting to be archived (queued in the publishing transaction, archived by `archive_pages`)."""

    page_id = models.PositiveIntegerField(db_index=True)
    revision_id = models.PositiveIntegerField(null=True, blank=True)
    queued_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["queued_at", "pk"]


def capture_path(instance: Capture, filename: str) -> str:
    return f"webarchive/{instance.captured_at:%Y}/{filename}"


class Capture(models.Model):
    """One published version of one page, as a gzipped WARC file (response and metadata records of the page, response
    or revisit records of its files)."""

    page_id = models.PositiveIntegerField(_("page id"), db_index=True)
    revision_id = models.PositiveIntegerField(_("revision id"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=255)
    url = models.URLField(_("address"), max_length=1000)
    captured_at = models.DateTimeField(_("archived at"), db_index=True)
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    warc = models.FileField(_("WARC file"), upload_to=capture_path, storage=private_storage, max_length=300)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    resources = models.PositiveSmallIntegerField(_("files"), default=0)
    digest = models.CharField(_("digest of the HTML"), max_length=64)

    class Meta:
        ordering = ["-captured_at", "-pk"]
        verbose_name = _("archived page")
        verbose_name_plural = _("archived pages")
        permissions = [("download_archive", _("Can download the web archive"))]

    def __str__(self) -> str:
        return f"{self.title} ({self.captured_at:%Y-%m-%d %H:%M})"


class Resource(models.Model):
    """A file (image, attachment, stylesheet) already archived in full in `year`: later captures of the year that show
    the same bytes at the same address write a revisit record referring to it."""

    year = models.PositiveSmallIntegerField()
    url = models.CharField(max_length=1000)
    digest = models.CharField(max_length=64)  # the WARC payload digest, "sha1:…"
    warc_date = models.CharField(max_length=40)  # WARC-Date of the full record

    class Meta:
        constraints = [models.UniqueConstraint(fields=["year", "url", "digest"], name="webarchive_resource_once_a_year")]
