"""Responses to the public: consultation letters answered within 3 months (a veto), error reports within 3 working
days, disclosure requests within their statutory deadline, and no personal data left on published answers."""

from __future__ import annotations

import datetime as dt

from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from interaction.disclosure_requests.models import DisclosureRequest
from interaction.errorreports.models import ErrorReport
from interaction.letters import scan as privacy_scan
from interaction.letters.models import Letter
from interaction.workdays.calendar import workdays_left

from ..registry import Result

LETTER_MONTHS = 3
DUE_SOON_WORKDAYS = 5


def months_before(moment: dt.datetime, months: int) -> dt.datetime:
    """The same local day and time `months` calendar months earlier (the month's last day when it has fewer)."""
    local = timezone.localtime(moment)
    month = local.month - months
    year = local.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    day = local.day
    while True:
        try:
            return local.replace(year=year, month=month, day=day)
        except ValueError:  # 31 May less 3 months: 28 or 29 February
            day -= 1


def letters_answered(now: dt.datetime) -> Result:
    limit = months_before(now, LETTER_MONTHS)
    year_ago = now - dt.timedelta(days=365)
    unanswered = Letter.objects.filter(status__in=Letter.OPEN, received_at__lt=limit).order_by("received_at")
    # answered, but after more than 3 months, within the last year: the census counts those too
    late = [
        letter
        for letter in Letter.objects.filter(replied_at__gte=year_ago, replied_at__gt=F("received_at")).order_by("received_at")
        if letter.replied_at > months_later(letter.received_at, LETTER_MONTHS)
    ]
    warn_limit = months_before(now, LETTER_MONTHS - 1)
    today = timezone.localdate(now)
    waiting = [
        letter
        for letter in Letter.objects.filter(status__in=Letter.OPEN, received_at__gte=limit).order_by("received_at")
        if letter.received_at < warn_limit or (letter.deadline and letter.deadline < today)
    ]
    items = [
        {
            "title": f"{letter.redacted_subject}（{timezone.localdate(letter.received_at):%Y-%m-%d}收到，未答复）",
            "url": _letter(letter),
        }
        for letter in unanswered[:200]
    ]
    items += [{"title": f"{letter.redacted_subject}（超过3个月才答复）", "url": _letter(letter)} for letter in late[:200]]
    items += [
        {"title": f"{letter.redacted_subject}（已超过答复期限或接近3个月）", "url": _letter(letter)} for letter in waiting[:200]
    ]
    failed = unanswered.count() + len(late)
    return Result(
        "interaction.letters",
        "咨询信件按时答复",
        "有效咨询信件须在3个月内答复（一年内超过3个月未答复为单项否决）；超过各类信件答复期限的提前预警",
        "fail" if failed else "warn" if waiting else "pass",
        veto=True,
        items=items,
        fix_url=reverse("letters:index"),
        permission="letters.change_letter",
        summary=f"{unanswered.count()} 封超过3个月未答复，{len(late)} 封超过3个月才答复，{len(waiting)} 封已超期或将满3个月",
    )


def months_later(moment: dt.datetime, months: int) -> dt.datetime:
    return months_before(moment, -months)


def _letter(letter: Letter) -> str:
    return reverse("letters:edit", args=[letter.pk])


def error_reports_answered(now: dt.datetime) -> Result:
    today = timezone.localdate(now)
    open_reports = ErrorReport.objects.filter(status=ErrorReport.Status.NEW).order_by("due_on")
    overdue = [r for r in open_reports if r.due_on and r.due_on < today]
    due_today = [r for r in open_reports if r.due_on == today]
    items = [
        {"title": f"{r.get_error_type_display()} · {r.page_url}（{r.received_on:%Y-%m-%d}收到，逾期）", "url": _report(r)}
        for r in overdue[:200]
    ] + [{"title": f"{r.get_error_type_display()} · {r.page_url}（今天到期）", "url": _report(r)} for r in due_today[:200]]
    return Result(
        "interaction.error_reports",
        "我为政府网站找错按时处理",
        "网民留言须在3个工作日内答复处理",
        "fail" if overdue else "warn" if due_today else "pass",
        items=items,
        fix_url=reverse("error_reports:index"),
        permission="errorreports.change_errorreport",
        summary=f"{len(overdue)} 条逾期未处理，{len(due_today)} 条今天到期",
    )


def _report(report: ErrorReport) -> str:
    return reverse("error_reports:edit", args=[report.pk])


def disclosure_requests_answered(now: dt.datetime) -> Result:
    today = timezone.localdate(now)
    pending = DisclosureRequest.objects.exclude(status=DisclosureRequest.Status.REPLIED).filter(due_on__isnull=False)
    overdue = list(pending.filter(due_on__lt=today).order_by("due_on"))
    upcoming = pending.filter(due_on__gte=today).order_by("due_on")
    soon = [r for r in upcoming if workdays_left(r.due_on, today) <= DUE_SOON_WORKDAYS]
    items = [
        {"title": f"{r.code} {r.info_title}（{r.due_on:%Y-%m-%d}到期，已逾期）", "url": _request(r)} for r in overdue[:200]
    ] + [{"title": f"{r.code} {r.info_title}（{r.due_on:%Y-%m-%d}到期）", "url": _request(r)} for r in soon[:200]]
    return Result(
        "interaction.disclosure_requests",
        "依申请公开按法定期限答复",
        "自收到申请之日起20个工作日内答复，延长不超过20个工作日（《政府信息公开条例》第三十三条）",
        "fail" if overdue else "warn" if soon else "pass",
        items=items,
        fix_url=reverse("disclosure_requests:index"),
        permission="disclosure_requests.change_disclosurerequest",
        summary=f"{len(overdue)} 件超过法定期限，{len(soon)} 件{DUE_SOON_WORKDAYS}个工作日内到期",
    )


def _request(request: DisclosureRequest) -> str:
    return reverse("disclosure_requests:edit", args=[request.pk])


def published_answers_private(now: dt.datetime) -> Result:
    findings = privacy_scan.scan()
    return Result(
        "interaction.privacy",
        "已公开来信不含个人信息",
        "公开的来信和答复不得含有写信人等的个人信息（privacy_scan）",
        "fail" if findings else "pass",
        items=[{"title": f"{f.page.title}（{f.kinds_text}）", "url": f.preview_url} for f in findings[:200]],
        fix_url=reverse("letters:privacy_scan"),
        permission="letters.approve_reply",
        summary=f"{len(findings)} 个已公开的来信页面含有个人信息" if findings else "没有发现个人信息",
    )
