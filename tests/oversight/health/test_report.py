"""site_health's exit status and JSON; --record keeping the report (the dashboard's) and a year of days; the JSON
endpoint's permissions (anonymous, a user without the admin, staff, a monitor's token); the admin report with its
history chart and the dashboard panel."""

import datetime as dt
import io
import json

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.urls import reverse

from cms.news.models import NewsPage
from oversight.health import history, registry
from oversight.health.models import HealthDay
from tests.factories import publish

from .conftest import moment, news_column

TODAY = dt.date(2026, 12, 1)


@pytest.fixture
def travel():
    with time_machine.travel(moment(TODAY), tick=False) as traveller:
        yield traveller


def run(*args) -> tuple[str, int]:
    out = io.StringIO()
    try:
        call_command("site_health", *args, stdout=out)
    except CommandError as error:
        return out.getvalue(), error.returncode
    return out.getvalue(), 0


def test_exit_status_follows_the_veto_rules_and_json_is_complete(home, travel):
    column = news_column(home, "工作动态", "gzdt", TODAY - dt.timedelta(days=20))
    out, status = run("--json")
    assert status == 1
    report = json.loads(out)
    assert report["status"] == "fail" and report["veto_failed"] is True
    home_rule = next(c for c in report["checks"] if c["rule"] == "home.updated")
    assert home_rule["status"] == "fail" and home_rule["veto"] is True and "14天" in home_rule["threshold"]
    assert set(home_rule) >= {"rule", "title", "threshold", "status", "veto", "items", "fix_url"}

    publish(column, NewsPage(title="今天的动态", slug="today", date=TODAY, body=[("paragraph", "<p>新。</p>")]))
    out, status = run()
    assert status == 0, out
    assert "[合格] 首页更新（否决项） home.updated" in out and "site_health:" in out.splitlines()[-1]


def test_record_keeps_the_report_for_the_dashboard_and_a_year_of_days(home, travel, empty_cache):
    HealthDay.objects.create(day=TODAY - dt.timedelta(days=400), checked_at=moment(TODAY), status="pass")
    out, status = run("--record")
    assert status == 0 and "recorded" in out
    day = HealthDay.objects.get(day=TODAY)
    assert day.status == "fail" and day.veto_failed and day.failures >= 1
    assert {r["rule"] for r in day.results} >= {"home.updated", "columns.empty", "links.working"}
    assert HealthDay.objects.count() == 1  # the day more than a year old is gone
    out, status = run("--record")
    assert out == ""  # kept less than HEALTH_RECORD_MINUTES ago: nothing to do
    kept = registry.current()  # the dashboard's report: the one kept, not made again
    assert kept.checked_at == day.checked_at and kept.as_dict()["checks"] == day.results
    travel.shift(dt.timedelta(minutes=61))
    out, status = run("--record")
    assert "recorded" in out and HealthDay.objects.get(day=TODAY).checked_at > day.checked_at


def test_the_endpoint_is_for_staff_and_monitors(home, client, django_user_model, settings, travel):
    url = reverse("health_status")
    response = client.get(url)
    assert response.status_code == 401 and response.json() == {"error": "authentication required"}
    visitor = django_user_model.objects.create_user("visitor", "v@example.com", "pw")
    client.force_login(visitor)
    assert client.get(url).status_code == 403
    visitor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    response = client.get(url)
    assert response.status_code == 200 and response["Cache-Control"].startswith("max-age=0")
    data = response.json()
    assert data["status"] in ("pass", "warn", "fail") and len(data["checks"]) >= 13
    privacy = next(c for c in data["checks"] if c["rule"] == "interaction.privacy")
    assert privacy["fix_url"] == "" and privacy["permission"] == "letters.approve_reply"  # not this user's to fix
    assert "/admin/letters/privacy-scan/" not in client.get(reverse("wagtailadmin_home")).content.decode()
    client.logout()
    settings.HEALTH_MONITOR_TOKEN = "s3cret-token"
    assert client.get(url, HTTP_AUTHORIZATION="Bearer wrong").status_code == 401
    monitor = client.get(url, HTTP_AUTHORIZATION="Bearer s3cret-token")
    assert monitor.status_code == 200
    assert next(c for c in monitor.json()["checks"] if c["rule"] == "interaction.privacy")["fix_url"]
    assert client.post(url, HTTP_AUTHORIZATION="Bearer s3cret-token").status_code == 405


def test_the_admin_report_panel_and_history_chart(home, admin_client, travel):
    for offset, failures, veto in ((1, 2, True), (2, 0, False), (40, 1, False)):
        HealthDay.objects.create(
            day=TODAY - dt.timedelta(days=offset),
            checked_at=moment(TODAY),
            status="fail" if failures else "pass",
            veto_failed=veto,
            failures=failures,
            passed=10,
        )
    chart = history.chart(TODAY)
    assert len(chart["bars"]) == 3 and chart["veto_days"] == 1
    assert chart["months"]["2026年11月"] == {"days": 2, "veto": 1, "clean": 1, "failures": 2, "average": "1.0"}
    response = admin_client.get(reverse("health:index"))
    html = response.content.decode()
    assert response.status_code == 200 and "<svg" in html and "2026年11月" in html and "home.updated" in html
    assert "首页须在14天内有更新" in html
    dashboard = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="site-health-section"' in dashboard and "首页更新" in dashboard
    assert admin_client.post(reverse("health:index")).status_code == 302


def test_column_rules_are_kept_in_the_admin_with_a_page_chooser(home, admin_client):
    column = news_column(home, "工作动态", "gzdt", TODAY)
    form = admin_client.get(reverse("health_column_rules:add")).content.decode()
    assert 'name="page"' in form and "chooser" in form
    response = admin_client.post(reverse("health_column_rules:add"), {"page": column.pk, "kind": "notice", "max_days": "30"})
    assert response.status_code == 302
    from oversight.health.models import ColumnRule

    rule = ColumnRule.objects.get(page=column)
    assert rule.kind == "notice" and rule.max_days == 30
    assert "工作动态" in admin_client.get(reverse("health_column_rules:index")).content.decode()
