"""Admin views: upload a release file (checked at once when small, queued with a progress page when large), the
list of releases with their state and errors, the progress of one as JSON for the page to poll, and withdrawal."""

from __future__ import annotations

import datetime

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cms.core import changes
from cms.datasets.importing import import_release, prepare_release
from cms.datasets.models import DatasetPage, Release


class UploadForm(forms.Form):
    dataset = forms.ModelChoiceField(DatasetPage.objects.order_by("title"), label=gettext_lazy("Dataset"))
    key = forms.CharField(label=gettext_lazy("Release key"), max_length=100, help_text=gettext_lazy("e.g. 2025 or 2025-q3"))
    release_date = forms.DateField(label=gettext_lazy("Release date"), initial=datetime.date.today)
    note = forms.CharField(label=gettext_lazy("Note"), max_length=300, required=False)
    file = forms.FileField(label=gettext_lazy("CSV (UTF-8 or GB18030) or XLSX file"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > getattr(settings, "DATASET_MAX_UPLOAD_BYTES", 1 << 30):
            raise forms.ValidationError(_("The file is too large."))
        return upload

    def clean(self):
        data = super().clean()
        dataset, key = data.get("dataset"), data.get("key")
        if dataset and key and dataset.releases.filter(key=key, status=Release.Status.PUBLISHED).exists():
            self.add_error("key", _("This dataset already has a published release with this key."))
        return data


@permission_required("datasets.add_release", raise_exception=True)
def upload(request):
    form = UploadForm(request.POST or None, request.FILES or None, initial={"dataset": request.GET.get("dataset")})
    release = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        release, _created = prepare_release(data["dataset"], data["key"], data["release_date"], data["note"], user=request.user)
        upload_file = data["file"]
        if upload_file.size <= getattr(settings, "DATASET_INLINE_IMPORT_BYTES", 5 << 20):
            outcome = import_release(release, upload_file.file, upload_file.name)
            release.refresh_from_db()
            if outcome.ok:
                text = _("%(rows)s rows published as release %(key)s.") % {"rows": outcome.rows, "key": release.key}
                messages.success(request, text)
                return redirect("datasets_releases")
            text = _("The file was refused: %(count)s error(s). Nothing was published.") % {"count": outcome.error_count}
            messages.error(request, text)
        else:
            release.status = Release.Status.QUEUED
            release.source_name = upload_file.name[:200]
            release.source_file.save(f"release-{release.pk}.upload", upload_file, save=False)
            release.bytes_total = upload_file.size
            release.save()
            messages.success(request, _("The file is queued for import; this page shows its progress."))
            return redirect("datasets_release", release.pk)
    return TemplateResponse(request, "datasets/admin/upload.html", {"form": form, "release": release})


@permission_required("datasets.view_release", raise_exception=True)
def releases(request):
    qs = Release.objects.select_related("dataset", "system").order_by("-created_at")[:200]
    return TemplateResponse(request, "datasets/admin/releases.html", {"releases": qs})


@permission_required("datasets.view_release", raise_exception=True)
def release_detail(request, pk: int):
    release = get_object_or_404(Release.objects.select_related("dataset"), pk=pk)
    return TemplateResponse(request, "datasets/admin/release.html", {"release": release})


@permission_required("datasets.view_release", raise_exception=True)
def release_progress(request, pk: int):
    release = get_object_or_404(Release, pk=pk)
    return JsonResponse(
        {"status": release.status, "progress": release.progress, "rows": release.rows_done, "error_count": release.error_count}
    )


@require_POST
@permission_required("datasets.change_release", raise_exception=True)
def withdraw(request, pk: int):
    release = get_object_or_404(Release, pk=pk, status=Release.Status.PUBLISHED)
    release.status = Release.Status.WITHDRAWN
    release.save(update_fields=["status"])
    changes.bump()
    messages.success(request, _("Release %(key)s withdrawn; its rows are kept but no longer shown.") % {"key": release.key})
    return redirect("datasets_releases")


@permission_required("datasets.view_accesslog", raise_exception=True)
def reads(request):
    """The log of reads of shared and staff-only datasets: who (person, unit or system), which, how, when."""
    from cms.datasets.models import AccessLog

    qs = AccessLog.objects.select_related("dataset", "user", "unit", "system")
    if request.GET.get("dataset", "").isdigit():
        qs = qs.filter(dataset_id=int(request.GET["dataset"]))
    return TemplateResponse(request, "datasets/admin/reads.html", {"reads": qs[:500]})
