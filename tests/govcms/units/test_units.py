"""Applicant units: staff make a contact person through the admin; that person (and only such a person of an active
unit) signs in on the public site."""

import pytest
from django.contrib.auth import get_user_model

from govcms.units.models import Unit, UnitMember, unit_of

pytestmark = pytest.mark.django_db
User = get_user_model()
PASSWORD = "Zhang-San-2026!"


@pytest.fixture
def unit():
    return Unit.objects.create(name="省财政厅办公室", kind=Unit.Kind.PROVINCIAL)


@pytest.fixture
def member(unit):
    user = User.objects.create_user("czt_office", "office@czt.example.gov.cn", PASSWORD)
    return UnitMember.objects.create(user=user, unit=unit, full_name="张三", phone="0731-88888888")


def test_staff_create_a_contact_person_through_the_admin(client, unit, django_user_model):
    admin = django_user_model.objects.create_superuser("boss", "boss@example.gov.cn", "pw")
    client.force_login(admin)
    data = {
        "unit": unit.pk,
        "full_name": "李四",
        "phone": "13800000000",
        "position": "科长",
        "username": "lisi",
        "email": "lisi@example.gov.cn",
        "password": "",
        "is_active": "on",
    }
    response = client.post("/admin/unit_members/new/", data)
    assert response.status_code == 200  # a new person needs a password: the form comes back, what was typed kept
    assert "李四" in response.content.decode()
    assert not User.objects.filter(username="lisi").exists()
    data["password"] = PASSWORD
    response = client.post("/admin/unit_members/new/", data)
    assert response.status_code == 302
    member = UnitMember.objects.get(full_name="李四")
    assert member.user.username == "lisi" and not member.user.is_staff and member.user.check_password(PASSWORD)
    # Disabling: the person may no longer sign in; the password is kept when left blank.
    data.update(password="", is_active="")
    client.post(f"/admin/unit_members/edit/{member.pk}/", data)
    member.user.refresh_from_db()
    assert not member.user.is_active and member.user.check_password(PASSWORD)


def test_a_contact_person_signs_in_for_the_unit(client, member, unit):
    page = client.get("/units/login/")
    assert page.status_code == 200
    response = client.post("/units/login/", {"username": "czt_office", "password": PASSWORD, "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    client.logout()
    response = client.post("/units/login/", {"username": "czt_office", "password": PASSWORD})
    assert response["Location"] == "/services/my/"  # without ?next=: the unit's own cases (我的办件)
    request_user = User.objects.get(username="czt_office")
    assert unit_of(request_user) == unit


def test_staff_and_disabled_units_cannot_sign_in_here(client, member, unit, django_user_model):
    django_user_model.objects.create_user("editor", "e@example.gov.cn", PASSWORD, is_staff=True)
    response = client.post("/units/login/", {"username": "editor", "password": PASSWORD})
    assert response.status_code == 200
    assert "不属于办事单位" in response.content.decode()
    unit.active = False
    unit.save()
    response = client.post("/units/login/", {"username": "czt_office", "password": PASSWORD})
    assert response.status_code == 200 and "已停用" in response.content.decode()
    assert unit_of(member.user) is None


def test_wrong_password_keeps_the_login_name(client, member):
    response = client.post("/units/login/", {"username": "czt_office", "password": "wrong"})
    assert response.status_code == 200
    assert 'value="czt_office"' in response.content.decode()
