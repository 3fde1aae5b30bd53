"""Personal data is removed from text before publication; staff views of it are logged and permissioned."""

import pytest
from django.contrib.auth.models import Permission

from interaction.privacy.access import can_view, log_view
from interaction.privacy.models import PersonalDataView
from interaction.privacy.redact import find_personal_data, redact

LETTER = (
    "我是张伟，住在江苏省南京市玄武区北京东路41号3单元502室，身份证号320102198001011234，"
    "手机13912345678，座机025-83456789，邮箱zhangwei@example.com。请张先生的问题尽快答复。"
    "公务用车平台2024年共调度1200次，预算25万元。"
)


def test_every_kind_of_personal_data_is_removed_and_the_rest_kept():
    out = redact(LETTER, names=["张伟"])
    for secret in (
        "张伟",
        "张先生",
        "北京东路41号",
        "502室",
        "320102198001011234",
        "13912345678",
        "83456789",
        "zhangwei@example.com",
    ):
        assert secret not in out, secret
    assert "公务用车平台2024年共调度1200次，预算25万元" in out
    assert find_personal_data(out, names=["张伟"]) == []
    assert len(find_personal_data(LETTER, names=["张伟"])) >= 6


def test_numbers_that_are_not_personal_stay():
    text = "文号苏机管〔2024〕12号，索引号014000319/2024-00012，面积1500平方米，电话区号以外的数字123456。"
    assert redact(text) == text


@pytest.mark.django_db
def test_permission_and_log(rf, django_user_model):
    staff = django_user_model.objects.create_user("clerk", password="pw")
    assert not can_view(staff)
    staff.user_permissions.add(Permission.objects.get(codename="view_personal_data"))
    staff = django_user_model.objects.get(pk=staff.pk)
    assert can_view(staff)
    request = rf.get("/admin/", REMOTE_ADDR="10.0.0.8")
    request.user = staff
    entry = log_view(request, staff, "查看来信人信息")
    assert PersonalDataView.objects.get() == entry
    assert entry.ip_address == "10.0.0.8" and entry.user == staff and entry.object_id == str(staff.pk)
