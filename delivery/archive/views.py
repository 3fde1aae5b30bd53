"""The admin's 网页归档: the archive by year (pages, size) with a download of each year as one .warc.gz, the latest
captures, and publications that could not be archived."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Sum
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Site

from .capture import year_stream
from .models import Capture, Pending

PERMISSION = "webarchive.download_archive"


def _check(request) -> None:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


class ArchiveIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "archive/index.html"
    page_title = _("Web archive")
    header_icon = "folder-open-inverse"

    def dispatch(self, request, *args, **kwargs):
        _check(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["years"] = (
            Capture.objects.values("year")
            .annotate(captures=Count("pk"), pages=Count("page_id", distinct=True), size=Sum("size"), last=Max("captured_at"))
            .order_by("-year")
        )
        context["latest"] = Capture.objects.all()[:30]
        context["queued"] = Pending.objects.count()
        context["failed"] = Pending.objects.exclude(error="")[:30]
        return context


def download_year(request, year: int):
    _check(request)
    if not Capture.objects.filter(year=year).exists():
        raise Http404
    site = Site.objects.filter(is_default_site=True).first()
    response = StreamingHttpResponse(year_stream(year, site.site_name if site else ""), content_type="application/warc")
    response["Content-Disposition"] = f'attachment; filename="webarchive-{year}.warc.gz"'
    return response


def download_capture(request, pk: int):
    _check(request)
    archived = get_object_or_404(Capture, pk=pk)
    return FileResponse(
        archived.warc.open("rb"),
        as_attachment=True,
        filename=archived.warc.name.rsplit("/", 1)[-1],
        content_type="application/warc",
    )
