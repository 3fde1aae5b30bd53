"""Shared fixtures of the online services' tests: a catalogue with the two typed services and a public one, a unit
with its contact person, a handler; files in a private storage of their own."""

from __future__ import annotations

import io

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from cms.disclosure.models import CategoryPage
from cms.services.models import ServiceGuidePage, ServiceIndexPage
from cms.taxonomy.models import Genre
from govcms.units.models import Unit, UnitMember
from tests.factories import publish

PASSWORD = "Unit-Login-2026!"


@pytest.fixture(autouse=True)
def private_files(settings):
    settings.PRIVATE_MEDIA_ROOT = django_settings.BASE_DIR / "test-artifacts" / "private_media"
    cache.clear()


def complete_guide(**fields) -> ServiceGuidePage:
    values = {
        "basis": [("basis", {"title": "《党政机关办公用房管理办法》第二十五条", "page": None})],
        "conditions": "<p>办公用房存在安全隐患。</p>",
        "materials": [
            ("material", {"name": "维修方案", "form": "original", "copies": 1, "required": True, "template": None, "note": ""})
        ],
        "place": "省机关事务管理局政务服务窗口",
        "hours": "工作日 8:30-12:00，14:30-17:30",
        "phone": "0731-82219000",
        "steps": [
            ("step", {"name": "申请", "actor": "申请单位", "description": "", "workdays": None}),
            ("step", {"name": "受理", "actor": "房地产管理处", "description": "", "workdays": 5}),
            ("step", {"name": "办结", "actor": "", "description": "", "workdays": None}),
        ],
        "promised_workdays": 10,
        "statutory_workdays": 20,
        "office": "房地产管理处",
    }
    values.update(fields)
    return ServiceGuidePage(**values)


@pytest.fixture
def catalogue(site_tree):
    return build_catalogue(site_tree)


def build_catalogue(site_tree) -> dict:
    approvals = publish(site_tree.catalogue, CategoryPage(title="行政审批", slug="xzsp"))
    Genre.objects.get_or_create(name="批复", defaults={"slug": "pf"})
    index = publish(site_tree.home, ServiceIndexPage(title="事项清单", slug="sxqd"))
    repair = publish(
        index,
        complete_guide(
            title="办公用房维修项目审批",
            slug="bgyfwx",
            online_form="repair",
            kind="licence",
            disclose_results=True,
            document_prefix="湘机管审",
            topic=site_tree.topics["jgsw"],
        ),
    )
    energy = publish(
        index,
        complete_guide(
            title="公共机构节能项目备案", slug="jnba", online_form="energy", kind="filing", document_prefix="湘机管节"
        ),
    )
    public = publish(
        index, complete_guide(title="机关食堂就餐预约", slug="stjy", online_form="builder", applicants="public", kind="service")
    )
    public.form_fields.create(label="就餐人数", field_type="number", required=True)
    return {"index": index, "repair": repair, "energy": energy, "public": public, "approvals": approvals, "tree": site_tree}


def make_member(username: str, unit_name: str):
    unit = Unit.objects.create(name=unit_name)
    user = get_user_model().objects.create_user(username, f"{username}@example.gov.cn", PASSWORD)
    UnitMember.objects.create(user=user, unit=unit, full_name="王五", phone="0731-88880000")
    return user


@pytest.fixture
def member(db):
    return make_member("czt", "省财政厅办公室")


@pytest.fixture
def other_member(db):
    return make_member("jyt", "省教育厅办公室")


@pytest.fixture
def handler(db):
    """A 行政审批 handler, by the role setup_roles makes."""
    from django.core.management import call_command

    call_command("setup_roles", verbosity=0)
    user = get_user_model().objects.create_user("handler", "handler@example.gov.cn", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name="行政审批办理员"))
    return user


def pdf(name: str = "plan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n% test\n1 0 obj<<>>endobj\n", content_type="application/pdf")


def png(name: str = "photo.png") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (20, 20), (200, 30, 30)).save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def repair_data(**overrides) -> dict:
    data = {
        "title": "财政厅办公楼屋面防水维修",
        "contact_name": "王五",
        "contact_phone": "0731-88880000",
        "email": "wangwu@example.gov.cn",
        "building": "财政厅1号办公楼",
        "rooms": "屋面及6楼走廊",
        "area": "850",
        "work_kind": "roof",
        "estimated_cost": "36.5",
        "funding": "budget",
        "start_date": "2027-03-01",
        "end_date": "2027-05-30",
        "reason": "屋面防水层老化，雨季渗漏严重，影响办公。",
        "submission_token": "tok-" + overrides.pop("token", "repair-1"),
    }
    data.update(overrides)
    return data


def energy_data(**overrides) -> dict:
    data = {
        "title": "教育厅机关大院合同能源管理项目",
        "contact_name": "王五",
        "contact_phone": "0731-88880000",
        "email": "wangwu@example.gov.cn",
        "institution": "省教育厅机关",
        "project_kind": "emc",
        "measures": "更换LED照明，空调系统变频改造。",
        "investment": "120",
        "savings_kgce": "85000",
        "savings_yuan": "42.3",
        "submission_token": "tok-" + overrides.pop("token", "energy-1"),
    }
    data.update(overrides)
    return data
