"""Demo letters for `manage.py load_demo`: the handling records behind a year of mailbox statistics (received,
answered in so many working days, one still open); made once (each has a fixed form token), with invented writers.
The answered letters the public reads are the demo pages in fixtures/content/pages.py."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from interaction.workdays.calendar import add_workdays

from .models import Letter, LetterCategory

DEMO = [
    # token, received, answered after (working days; None: still open), category, subject
    ("demo-letter-1", dt.date(2025, 1, 6), 3, "咨询", "省直机关公务用车平台如何申请账号"),
    ("demo-letter-2", dt.date(2025, 2, 17), 4, "咨询", "办公用房维修项目申报时间"),
    ("demo-letter-3", dt.date(2025, 3, 10), 12, "建议", "建议在机关食堂推行光盘行动"),
    ("demo-letter-4", dt.date(2025, 4, 21), 2, "咨询", "公共机构节能考核指标从哪里查询"),
    ("demo-letter-5", dt.date(2025, 6, 3), 14, "投诉", "反映某单位公务用车私用问题"),
    ("demo-letter-6", dt.date(2025, 9, 29), 5, "咨询", "国庆期间公务用车封存安排"),
    ("demo-letter-7", dt.date(2025, 11, 12), 9, "建议", "建议公开省直机关办公用房使用情况"),
    ("demo-letter-8", dt.date(2025, 12, 22), None, "咨询", "2026年节能宣传周活动安排"),
]


def ensure_demo_letters() -> int:
    """Creates the demo letters that do not exist yet; returns how many it made."""
    tz = timezone.get_current_timezone()
    categories = {c.name: c for c in LetterCategory.objects.all()}
    created = 0
    for i, (token, received, workdays, category, subject) in enumerate(DEMO, start=1):
        if Letter.objects.filter(form_token=token).exists() or category not in categories:
            continue
        replied = add_workdays(received, workdays) if workdays else None
        Letter.objects.create(
            form_token=token,
            writer_name=f"演示来信人{i}",
            phone="13800000000",
            email="demo@example.com",
            category=categories[category],
            subject=subject,
            message=f"{subject}，请予答复。",
            publish_allowed=False,
            status=Letter.Status.REPLIED if replied else Letter.Status.RECEIVED,
            received_at=dt.datetime.combine(received, dt.time(9, 30), tzinfo=tz),
            deadline=add_workdays(received, categories[category].deadline_workdays),
            replied_at=dt.datetime.combine(replied, dt.time(16), tzinfo=tz) if replied else None,
        )
        created += 1
    return created
