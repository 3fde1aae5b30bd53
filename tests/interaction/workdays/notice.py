"""Entering the State Council's notice for 2027 through the admin, as a site administrator does: 元旦 (1–3 January)
and a make-up working Sunday (10 January), then the confirmation. Shared by the apps' recount tests."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

D = dt.date
SHANGHAI = dt.timezone(dt.timedelta(hours=8))
NOTICE_2027 = [
    (D(2027, 1, 1), "holiday", "元旦"),
    (D(2027, 1, 2), "holiday", "元旦"),
    (D(2027, 1, 3), "holiday", "元旦"),
    (D(2027, 1, 10), "workday", "调休上班"),
]
REFERENCE = "国办发明电〔2026〕7号"


def calendar_admin(client, username: str = "calendar-admin"):
    user = get_user_model().objects.create_superuser(username, f"{username}@example.gov.cn", "x")
    client.force_login(user)
    return user


def enter_day(client, capture, day: dt.date, kind: str, name: str):
    with capture(execute=True):
        response = client.post("/admin/calendar_days/new/", {"date": day.isoformat(), "kind": kind, "name": name})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def enter_notice_days(client, capture) -> None:
    for day, kind, name in NOTICE_2027:
        enter_day(client, capture, day, kind, name)


def confirm(client, capture, year: int = 2027, reference: str = REFERENCE):
    with capture(execute=True):
        response = client.post("/admin/holiday_notices/new/", {"year": str(year), "reference": reference})
    return response


def dashboard_warns(client, year: int = 2027) -> bool:
    page = client.get("/admin/").content.decode()
    return "workdays-provisional" in page and f"{year}" in page
