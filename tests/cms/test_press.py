"""Press conferences: host and speakers, local dates, the index listing, the speakers rule of the admin form."""

import datetime
from zoneinfo import ZoneInfo

from cms.press.forms import PressConferenceForm
from cms.press.models import PressConferencePage, Speaker
from tests.factories import publish


def test_host_and_speakers(tree):
    conference = PressConferencePage.objects.get(pk=tree.conference.pk)
    assert conference.host.name == "李四"
    assert [s.name for s in conference.speaker_list()] == ["张三"]
    assert str(conference.speakers.get(name="张三")) == "省机关事务管理局副局长 张三"


def test_display_date_is_the_local_date(tree):
    utc = ZoneInfo("UTC")
    page = PressConferencePage(title="晚间发布会", starts_at=datetime.datetime(2024, 5, 1, 20, 0, tzinfo=utc))
    assert page.display_date == datetime.date(2024, 5, 2)  # 04:00 on 2 May in Beijing


def test_index_lists_live_conferences_newest_first(client, tree):
    tz = ZoneInfo("Asia/Shanghai")
    later = PressConferencePage(
        title="节能宣传周发布会", slug="jn", venue="发布厅", starts_at=datetime.datetime(2030, 6, 1, 10, tzinfo=tz)
    )
    later.speakers.add(Speaker(name="王五", title="局长"))
    later = publish(tree.press_index, later)
    draft = PressConferencePage(
        title="草稿发布会", slug="cg", venue="发布厅", live=False, starts_at=datetime.datetime(2031, 1, 1, 10, tzinfo=tz)
    )
    tree.press_index.add_child(instance=draft)

    response = client.get(tree.press_index.url)
    assert response.status_code == 200
    assert [c.pk for c in response.context["conferences"]] == [later.pk, tree.conference.pk]


def test_form_class_is_the_speakers_rule():
    assert PressConferencePage.base_form_class is PressConferenceForm
    assert issubclass(PressConferencePage.get_edit_handler().get_form_class(), PressConferenceForm)
