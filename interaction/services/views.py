"""The applicant's side: apply (with drafts: a unit's kept under 我的办件, a visitor's resumed by a secret link and
deleted after SERVICES_PUBLIC_DRAFT_DAYS), 我的办件, a case with its history, the 补正 answer, the result download
and the rating; the public's look-up by tracking code. A unit sees only its own cases: every case is fetched
through `unit_cases(unit)` (another unit's id answers 404); a visitor reaches a draft only through its link."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cms.services.models import OnlineForm, ServiceGuidePage
from govcms.private_files import private_file_response
from govcms.units.models import unit_of
from interaction.intake.contacts import contact_matches
from interaction.intake.limits import Allowance
from interaction.intake.views import never_stored

from . import workflow
from .forms import BuilderForm, CorrectionForm, LookupForm, RatingForm, detail_labels, form_class
from .models import Application, Attachment, public_draft_days, resume_key_hash

APPLY = Allowance("services-apply", "SERVICES_APPLY_RATE", "10/h")
DRAFTS = Allowance("services-draft", "SERVICES_DRAFT_RATE", "10/h")  # drafts saved by visitors
LOOKUP = Allowance("services-lookup", "SERVICES_LOOKUP_RATE", "30/h")
SEEN = "applications_seen"  # the cases a visitor has opened by code and phone in this session
OWN_DRAFTS = "applications_drafts"  # the visitor's drafts opened in this session (saved, or resumed by their link)
DRAFT_KEYS = "applications_draft_keys"  # the newest resume key of each, to show the link again in this session


def normalise_phone(text: str) -> str:
    return "".join(ch for ch in (text or "") if ch.isdigit())


def unit_cases(unit):
    return Application.objects.filter(unit=unit).exclude(unit__isnull=True)


def kept_files(token: str | None) -> dict[str, list[Attachment]]:
    found: dict[str, list[Attachment]] = {}
    if token:
        for attachment in Attachment.objects.filter(form_token=token):
            found.setdefault(attachment.slot, []).append(attachment)
    return found


def keep_uploads(form, token: str, application: Application | None = None) -> None:
    """Keeps every file of `form` that passed its checks (so a form with errors loses no upload); a single-file
    slot keeps only its newest file."""
    for slot in form.slots:
        files = form.cleaned_data.get(slot.name) if hasattr(form, "cleaned_data") else None
        if not files or slot.name in form.errors:
            continue
        if not slot.multiple:
            for old in Attachment.objects.filter(form_token=token, slot=slot.name):
                old.file.delete(save=False)
                old.delete()
        for file in files:
            attachment = Attachment(
                application=application, form_token=token, slot=slot.name, label=str(slot.label), name=file.name, size=file.size
            )
            attachment.file.save(file.name, file, save=False)
            attachment.save()


def build_form(guide, data=None, files=None, **kwargs):
    cls = form_class(guide.online_form)
    if cls is BuilderForm:
        kwargs["guide"] = guide
    return cls(data, files, **kwargs)


@never_stored
@require_http_methods(["GET", "POST"])
def apply(request, guide_id: int):
    guide = get_object_or_404(ServiceGuidePage.objects.live().public(), pk=guide_id)
    if guide.online_form == OnlineForm.NONE:
        raise Http404
    unit = unit_of(request.user)
    if unit is None and not guide.for_public:
        return HttpResponseRedirect(f"{reverse('units:login')}?next={request.path}")
    if unit is not None and not guide.for_units:
        unit = None  # a service for the public: the contact person applies as a person
    draft = None
    asked = request.GET.get("draft", "")
    if asked and not asked.isdigit():
        raise Http404
    if unit is not None and asked:
        draft = get_object_or_404(unit_cases(unit), pk=asked, status=Application.Status.DRAFT, service=guide)
    elif unit is None and asked:
        draft = get_object_or_404(visitor_drafts(request), pk=asked, service=guide)

    if request.method == "GET":
        initial = {}
        if draft is not None:
            initial = {
                "title": draft.title,
                "contact_name": draft.contact_name,
                "contact_phone": draft.contact_phone,
                "email": draft.email,
                "submission_token": draft.form_token,
                **draft.details,
            }
        elif unit is not None:
            member = getattr(request.user, "unit_member", None)
            initial = {"contact_name": member.full_name, "contact_phone": member.phone, "email": request.user.email}
        form = build_form(guide, initial=initial, existing=kept_files(draft.form_token if draft else None))
        return render_apply(request, guide, form, unit, draft)

    saving_draft = "save_draft" in request.POST
    token = (request.POST.get("submission_token") or "")[:64]
    owner = Application.objects.filter(form_token=token).first() if token and draft is None else None
    if draft is not None:
        token = draft.form_token
    elif owner is not None and owner.status != Application.Status.DRAFT:
        # the same form sent twice: show what the first send made
        return HttpResponseRedirect(thanks_url(owner, unit))
    elif owner is not None and unit is None and visitor_drafts(request).filter(pk=owner.pk).exists():
        draft = owner  # this visitor's own draft, sent again from the same form
    elif owner is not None and (unit is None or owner.unit_id != unit.pk):
        token = ""  # another's draft: its token (and files) are not this visitor's
    form = build_form(guide, request.POST, request.FILES, existing=kept_files(token), draft=saving_draft)
    if unit is None:
        if form.is_spam:
            APPLY.count(request)
            form.is_valid()
            form.add_error(None, _("The form could not be sent."))
            return render_apply(request, guide, form, unit, draft, status=400)
        if (DRAFTS if saving_draft else APPLY).exhausted(request):
            form.is_valid()
            form.add_error(None, _("Too many applications from your address; please try again later."))
            return render_apply(request, guide, form, unit, draft, status=429)
    valid = form.is_valid()
    if not token:
        form.add_error(None, _("The form has expired; please send it again."))
        return render_apply(request, guide, form, unit, draft, status=400)
    with transaction.atomic():
        keep_uploads(form, token, draft)
        if not valid:
            form.existing = kept_files(token)
        else:
            app = draft or Application(form_token=token)
            if unit is not None and draft is None:
                existing_draft = unit_cases(unit).filter(form_token=token, status=Application.Status.DRAFT).first()
                app = existing_draft or app
            app.service = guide
            app.service_name = guide.title
            app.form_kind = guide.online_form
            app.unit = unit
            app.applicant_user = request.user if request.user.is_authenticated else None
            for name in ("title", "contact_name", "contact_phone", "email"):
                setattr(app, name, form.cleaned_data.get(name) or "")
            app.details = form.details()
            key = app.new_resume_key() if unit is None and saving_draft else ""
            if not saving_draft:
                app.resume_key = ""  # the link of a visitor's draft stops working once it is sent
            app.save()
            Attachment.objects.filter(form_token=token, application__isnull=True).update(application=app)
            if not saving_draft:
                workflow.submit(app, by=request.user if request.user.is_authenticated else None)
                if unit is None:
                    APPLY.count(request)
            elif unit is None:
                DRAFTS.count(request)
    if not valid:
        return render_apply(request, guide, form, unit, draft, status=400)
    if saving_draft and unit is None:
        remember_draft(request, app, key)
        return HttpResponseRedirect(reverse("applications:draft_saved", args=[app.pk]))
    if saving_draft:
        messages.success(request, _("The draft was saved. You can finish it later under My cases."))
        return HttpResponseRedirect(reverse("applications:my_cases"))
    if unit is None:
        request.session[SEEN] = list({*request.session.get(SEEN, []), app.pk})
    return HttpResponseRedirect(thanks_url(app, unit))


def visitor_drafts(request):
    """The drafts this visitor (no unit) saved or opened by their link in this session, while they are kept and
    their link is still the newest (a save elsewhere, which makes a new link, closes the draft here too)."""
    own = request.session.get(OWN_DRAFTS)
    if not isinstance(own, dict) or not own:
        return Application.objects.none()
    match = Q()
    for pk, key_hash in own.items():
        if str(pk).isdigit() and key_hash:
            match |= Q(pk=int(pk), resume_key=key_hash)
    return Application.public_drafts().filter(match) if match else Application.objects.none()


def remember_draft(request, app: Application, key: str) -> None:
    request.session[OWN_DRAFTS] = {**(request.session.get(OWN_DRAFTS) or {}), str(app.pk): app.resume_key}
    request.session[DRAFT_KEYS] = {**request.session.get(DRAFT_KEYS, {}), str(app.pk): key}


@never_stored
def draft_saved(request, pk: int):
    """After a visitor saved a draft: the link that resumes it, and when the draft will be deleted."""
    draft = get_object_or_404(visitor_drafts(request), pk=pk)
    key = request.session.get(DRAFT_KEYS, {}).get(str(pk))
    if not key:
        raise Http404
    return render(
        request,
        "applications/draft_saved.html",
        {
            "draft": draft,
            "link": request.build_absolute_uri(reverse("applications:resume_draft", args=[key])),
            "days": public_draft_days(),
            "continue_url": f"{reverse('applications:apply', args=[draft.service_id])}?draft={draft.pk}",
        },
    )


@never_stored
def resume_draft(request, key: str):
    """The link of a visitor's draft: opens it in this session and goes on to the form. A wrong or expired key
    counts against the look-up allowance (keys cannot be guessed, but nobody gets to try many)."""
    if LOOKUP.exhausted(request):
        return render(request, "applications/draft_missing.html", {"days": public_draft_days(), "limited": True}, status=429)
    draft = Application.public_drafts().filter(resume_key=resume_key_hash(key[:64]), service__isnull=False).first()
    if draft is None:
        LOOKUP.count(request)
        return render(request, "applications/draft_missing.html", {"days": public_draft_days()}, status=404)
    remember_draft(request, draft, key)
    return HttpResponseRedirect(f"{reverse('applications:apply', args=[draft.service_id])}?draft={draft.pk}")


def thanks_url(app: Application, unit) -> str:
    if unit is not None:
        return reverse("applications:case", args=[app.pk]) + "?submitted=1"
    return reverse("applications:thanks", args=[app.tracking_code])


def render_apply(request, guide, form, unit, draft, status: int = 200):
    return render(
        request,
        "applications/apply.html",
        {"guide": guide, "page": guide, "form": form, "unit": unit, "draft": draft, "draft_days": public_draft_days()},
        status=status,
    )


@never_stored
def thanks(request, code: str):
    app = Application.objects.filter(tracking_code=code, pk__in=request.session.get(SEEN, [])).first()
    if app is None:
        raise Http404
    return render(request, "applications/thanks.html", {"app": app})


@never_stored
def my_cases(request):
    unit = unit_of(request.user)
    if unit is None:
        return HttpResponseRedirect(f"{reverse('units:login')}?next={request.path}")
    cases = unit_cases(unit).select_related("service").order_by("-created_at", "-pk")
    status = request.GET.get("status", "")
    if status in Application.Status.values:
        cases = cases.filter(status=status)
    page = Paginator(cases, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "applications/my_cases.html",
        {"unit": unit, "cases": page, "status": status, "statuses": Application.Status.choices},
    )


def visible_case(request, pk: int) -> Application:
    """The case if this visitor may see it: their unit's, or opened by code and phone in this session."""
    unit = unit_of(request.user)
    if unit is not None:
        app = unit_cases(unit).filter(pk=pk).first()
    else:
        app = Application.objects.filter(pk=pk, unit__isnull=True, pk__in=request.session.get(SEEN, [])).first()
    if app is None or app.status == Application.Status.DRAFT and unit is None:
        raise Http404
    return app


@never_stored
@require_http_methods(["GET", "POST"])
def case(request, pk: int):
    app = visible_case(request, pk)
    correction_form = rating_form = None
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "correction" and app.status == Application.Status.CORRECTION:
                correction_form = CorrectionForm(request.POST, request.FILES)
                if correction_form.is_valid():
                    with transaction.atomic():
                        for file in correction_form.cleaned_data["files"]:
                            attachment = Attachment(
                                application=app,
                                form_token=app.form_token or "",
                                slot="correction",
                                label=_("Missing materials"),
                                name=file.name,
                                size=file.size,
                            )
                            attachment.file.save(file.name, file, save=False)
                            attachment.save()
                        workflow.submit(app, by=request.user if request.user.is_authenticated else None)
                    messages.success(request, _("The missing materials were sent."))
                    return HttpResponseRedirect(request.path)
            elif action == "rate":
                rating_form = RatingForm(request.POST)
                if rating_form.is_valid():
                    workflow.rate(app, rating_form.cleaned_data["score"], rating_form.cleaned_data["comment"])
                    messages.success(request, _("Thank you for rating our service."))
                    return HttpResponseRedirect(request.path)
            else:
                messages.error(request, _("This step is not possible now."))
                return HttpResponseRedirect(request.path)
        except workflow.WorkflowError as exc:
            messages.error(request, str(exc))
            return HttpResponseRedirect(request.path)
    labels = detail_labels(app.form_kind, app.service)
    context = {
        "app": app,
        "details": [(labels.get(name, name), value) for name, value in app.details.items() if value not in ("", None, [])],
        "events": app.events.all(),
        "attachments": app.attachments.all(),
        "correction_form": correction_form or CorrectionForm(),
        "rating_form": rating_form or RatingForm(),
        "rated": hasattr(app, "rating"),
        "submitted": request.GET.get("submitted"),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "applications/case.html", context, status=status)


@never_stored
def result(request, pk: int):
    app = visible_case(request, pk)
    if not app.result_file:
        raise Http404
    return private_file_response(app.result_file, f"{app.document_number or app.tracking_code}.docx")


@never_stored
@require_http_methods(["GET", "POST"])
def lookup(request):
    form = LookupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if LOOKUP.count(request):
            form.add_error(None, _("Too many look-ups from your address; please try again later."))
        else:
            code = "".join(ch for ch in form.cleaned_data["code"].upper() if ch.isalnum())
            app = Application.objects.filter(tracking_code=code, unit__isnull=True).exclude(status="draft").first()
            if app and contact_matches(form.cleaned_data["phone"], [app.contact_phone], normalise_phone):
                request.session[SEEN] = list({*request.session.get(SEEN, []), app.pk})
                return HttpResponseRedirect(reverse("applications:case", args=[app.pk]))
            form.add_error(None, _("No application matches this tracking code and telephone number."))
    return render(request, "applications/lookup.html", {"form": form}, status=400 if form.errors else 200)
