"""The admin's *Annual report* page: generate the draft report for a year, or redraw the figures of an existing one,
and see every report with whether its figures add up."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.disclosure.models import AnnualReportPage
from cms.disclosure.report_generator import ReportError, generate_report, reports_parent


class GenerateForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Report year"), min_value=2000, max_value=2100)
    refresh = forms.BooleanField(
        label=gettext_lazy("Redraw the figures of the existing report"),
        required=False,
        help_text=gettext_lazy("Figures no source gives (reconsideration, litigation, fees) keep what staff entered."),
    )


class GenerateReportView(WagtailAdminTemplateMixin, FormView):
    template_name = "disclosure/admin/annual_report.html"
    form_class = GenerateForm
    page_title = gettext_lazy("Annual report")
    header_icon = "doc-full"

    def get_initial(self):
        return {"year": timezone.localdate().year - 1}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reports = []
        for report in AnnualReportPage.objects.order_by("-report_year"):
            draft = report.get_latest_revision_as_object()
            reports.append(
                {
                    "page": report,
                    "edit_url": reverse("wagtailadmin_pages:edit", args=[report.pk]),
                    "problems": draft.figure_problems(),
                    "has_format": draft.has_format,
                }
            )
        context["reports"] = reports
        return context

    def form_valid(self, form):
        year, refresh = form.cleaned_data["year"], form.cleaned_data["refresh"]
        user = self.request.user
        existing = AnnualReportPage.objects.filter(report_year=year).first()
        try:
            if existing is not None:
                if refresh and not existing.permissions_for_user(user).can_edit():
                    raise PermissionDenied
            elif not reports_parent().permissions_for_user(user).can_add_subpage():
                raise PermissionDenied
            page, created = generate_report(year, user=user, refresh=refresh)
        except ReportError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        if created:
            messages.success(self.request, _("The draft annual report for %(year)s was created.") % {"year": year})
        else:
            messages.success(self.request, _("The figures of the %(year)s report were redrawn in a new draft.") % {"year": year})
        return redirect("wagtailadmin_pages:edit", page.pk)
