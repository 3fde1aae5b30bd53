"""Demo applications for `manage.py load_demo`: a few requests of 2025, answered with different outcomes, and one
still open; made once (each has a fixed submission token), with invented applicants."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from .models import DisclosureRequest

LETTER = "经审查，您申请获取的“{title}”{answer}"
DEMO = [
    # token, received, replied after (days), applicant, outcome, title, answer
    (
        "demo-2025-1",
        dt.date(2025, 3, 3),
        12,
        ("citizen", "", "演示申请人甲"),
        "disclosed",
        "2024年省直机关办公用房维修项目清单",
        "属于我局公开范围，现通过电子邮件提供给您，请查收附件。",
    ),
    (
        "demo-2025-2",
        dt.date(2025, 4, 14),
        18,
        ("organisation", "business", "演示科技有限公司"),
        "partly_disclosed",
        "省直机关公务用车采购合同",
        "部分内容涉及商业秘密，经征求第三方意见，对可以公开的部分予以提供。",
    ),
    (
        "demo-2025-3",
        dt.date(2025, 6, 9),
        9,
        ("citizen", "", "演示申请人乙"),
        "cannot_provide.not_held",
        "某区2010年的会议室租赁合同",
        "经检索，本机关不掌握该信息，建议向所在区机关事务管理部门咨询。",
    ),
    (
        "demo-2025-4",
        dt.date(2025, 9, 22),
        25,
        ("organisation", "research", "演示研究院"),
        "not_disclosed.process_information",
        "公共机构节能改造方案讨论稿",
        "属于讨论记录、过程稿等过程性信息，依据《条例》第十六条不予公开。",
    ),
    ("demo-open", None, None, ("citizen", "", "演示申请人丙"), "", "省直机关食堂年度经费使用情况", ""),
]


def ensure_demo_requests() -> int:
    """Creates the demo requests that do not exist yet; returns how many it made."""
    created = 0
    tz = timezone.get_current_timezone()
    for token, received, days, (kind, org_kind, name), outcome, title, answer in DEMO:
        if DisclosureRequest.objects.filter(submission_token=token).exists():
            continue
        received = received or timezone.localdate()
        replied = dt.datetime.combine(received + dt.timedelta(days=days), dt.time(10), tzinfo=tz) if days is not None else None
        DisclosureRequest.objects.create(
            submission_token=token,
            received_on=received,
            applicant_type=kind,
            organisation_kind=org_kind,
            name=name,
            id_type="id_card" if kind == "citizen" else "",
            id_number="11010519491231002X" if kind == "citizen" else "",
            credit_code="91110000600037341L" if kind != "citizen" else "",
            legal_representative="演示法定代表人" if kind != "citizen" else "",
            contact_person="演示联系人" if kind != "citizen" else "",
            phone="13800000000",
            email="demo@example.com",
            address="湖南省长沙市演示路1号",
            postcode="410011",
            info_title=title,
            info_description=f"请提供{title}。",
            medium="email",
            delivery="email",
            status="replied" if replied else "received",
            outcome=outcome,
            replied_at=replied,
            extension_days=20 if days and days > 20 else 0,
            extension_reason="涉及第三方，需要征求意见。" if days and days > 20 else "",
            reply_letter=LETTER.format(title=title, answer=answer) if replied else "",
        )
        created += 1
    return created
