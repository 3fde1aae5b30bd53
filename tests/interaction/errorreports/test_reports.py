"""An error report from the link at the foot of a real (cached) page, through the form, to the admin: deadline of
3 working days, the contact hidden without the personal data permission, marked handled with a note."""

import datetime as dt
import html
import re

from django.contrib.auth.models import Permission
from django.urls import reverse

from interaction.errorreports.models import ErrorReport
from interaction.privacy.models import PersonalDataView
from interaction.workdays.calendar import add_workdays

BACKEND = "django.contrib.auth.backends.ModelBackend"


def staff(django_user_model, username, *perms):
    user = django_user_model.objects.create_user(username, f"{username}@example.gov.cn", "pw")
    for perm in ("wagtailadmin.access_admin",) + perms:
        app_label, codename = perm.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return user


def test_report_from_a_cached_page_to_the_admin(client, site_tree, empty_cache, settings, django_user_model):
    settings.PAGECACHE_ENABLED = True
    news = site_tree.news
    first = client.get(news.url)
    second = client.get(news.url)
    assert second["X-Cache"] == "HIT"  # the link does not stop the page being cached
    link = html.unescape(re.search(r'href="(/zhaocuo/\?page=[^"]+)"', second.content.decode()).group(1))
    assert link == f"/zhaocuo/?page={news.url}" and first.content == second.content

    form = client.get(link)
    body = form.content.decode()
    assert form.status_code == 200 and news.title in body and "X-Cache" not in form
    assert form["Cache-Control"] == "private, no-store"
    token = re.search(r'name="submission_token" value="([^"]+)"', body).group(1)

    data = {
        "page_url": news.url,
        "error_type": "typo",
        "description": "",
        "contact": "13800001111",
        "submission_token": token,
        "website": "",
    }
    bad = client.post("/zhaocuo/", data)
    assert bad.status_code == 400 and "必填" in bad.content.decode() and 'value="13800001111"' in bad.content.decode()
    data["description"] = "第二段“机关事物”应为“机关事务”。"
    sent = client.post("/zhaocuo/", data)
    assert sent.status_code == 302
    assert client.post("/zhaocuo/", data).status_code == 302  # sent twice: one report
    report = ErrorReport.objects.get()
    assert report.page_id == news.pk and report.page_url == news.url and report.error_type == "typo"
    assert report.due_on == add_workdays(report.received_on, 3)
    thanks = client.get(sent["Location"])
    assert news.title in thanks.content.decode()

    # An editor without the personal data permission: the report, not the contact.
    editor = staff(django_user_model, "editor", "errorreports.view_errorreport", "errorreports.change_errorreport")
    client.force_login(editor, backend=BACKEND)
    index = client.get(reverse("error_reports:index"))
    assert index.status_code == 200 and "机关事物" in index.content.decode()
    assert "3个工作日" in index.content.decode() or "剩余" in index.content.decode()
    inspect = client.get(reverse("error_reports:inspect", args=[report.pk]))
    assert "13800001111" not in inspect.content.decode() and not PersonalDataView.objects.exists()
    done = client.post(reverse("error_reports:edit", args=[report.pk]), {"status": "handled", "handling_note": "已改正错别字。"})
    assert done.status_code == 302
    report.refresh_from_db()
    assert report.status == "handled" and report.handled_by == editor and report.handled_at

    # A site administrator who may see personal data: the contact, logged.
    admin = staff(django_user_model, "siteadmin", "errorreports.view_errorreport", "privacy.view_personal_data")
    client.force_login(admin, backend=BACKEND)
    assert "13800001111" in client.get(reverse("error_reports:inspect", args=[report.pk])).content.decode()
    assert PersonalDataView.objects.filter(user=admin, object_id=str(report.pk)).count() == 1


def test_bad_pages_honeypot_rate_limit_and_overdue(client, db, empty_cache, settings):
    settings.ERROR_REPORTS_RATE = "3/h"
    data = {"error_type": "broken_link", "description": "链接打不开了", "website": ""}
    outside = client.post("/zhaocuo/", dict(data, page_url="https://evil.example/"))
    assert "本站页面" in outside.content.decode() and not ErrorReport.objects.exists()
    script = client.get("/zhaocuo/?page=javascript:alert(1)")
    assert re.search(r'name="page_url"[^>]*value="javascript', script.content.decode()) is None
    assert "出错页面" not in script.content.decode()
    spam = client.post("/zhaocuo/", dict(data, page_url="/xxgk/", website="x"))
    assert spam.status_code == 400 and not ErrorReport.objects.exists()
    # The report refused for its page did not count (a form sent back with errors uses up nothing); the honeypot
    # did: two accepted reports fill the allowance of 3.
    client.post("/zhaocuo/", dict(data, page_url="/xxgk/", submission_token="a"))
    client.post("/zhaocuo/", dict(data, page_url="/xxgk/", submission_token="a2"))
    limited = client.post("/zhaocuo/", dict(data, page_url="/xxgk/", submission_token="b"))
    assert limited.status_code == 429 and ErrorReport.objects.count() == 2

    old = ErrorReport.objects.create(
        page_url="/xxgk/", error_type="other", description="旧的报告", received_on=dt.date(2025, 9, 29)
    )
    assert old.due_on == dt.date(2025, 10, 10)  # 30 September, then 1-8 October off, then 9 and 10 October
    assert old.deadline_state() == "overdue" and "超期" in old.deadline_flag()
