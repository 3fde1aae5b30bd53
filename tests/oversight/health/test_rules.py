"""Each site health rule across its threshold, with the clock moved by time-machine: the home page's 2 weeks, item
dates, column frequencies and the census's veto counts, letters' 3 months, error reports' 3 working days,
disclosure requests' deadline, expired policies, sensitive words and alt text; checks from other apps by the hook."""

import datetime as dt

import time_machine
from wagtail import hooks

from cms.disclosure.models import DisclosureItemPage, Validity
from cms.editorial.models import SensitiveWord
from cms.news.models import NewsPage
from cms.policy.models import PolicyPage
from cms.taxonomy.models import Genre, Organ, Topic
from interaction.disclosure_requests.models import DisclosureRequest
from interaction.errorreports.models import ErrorReport
from interaction.letters.models import Letter, LetterCategory
from oversight.health import registry
from oversight.health.models import ColumnKind, ColumnRule
from oversight.health.rules import content, responses, updates
from tests.factories import publish

from .conftest import catalogue, category, moment, news_column

D = dt.date(2026, 11, 2)  # a Monday


def at(day: dt.date, hour: int = 10):
    """Travel to `day` and give the moment the rules are asked about."""
    return moment(day, hour)


def run_at(check, day: dt.date):
    with time_machine.travel(moment(day), tick=False):
        return check(moment(day))


# -- home page and dates -------------------------------------------------------------------------------------


def test_home_page_updated_within_two_weeks(home):
    news_column(home, "工作动态", "gzdt", D)
    assert run_at(updates.home_updated, D + dt.timedelta(days=12)).status == "pass"
    assert run_at(updates.home_updated, D + dt.timedelta(days=13)).status == "warn"
    assert run_at(updates.home_updated, D + dt.timedelta(days=14)).status == "warn"
    late = run_at(updates.home_updated, D + dt.timedelta(days=15))
    assert late.status == "fail" and late.veto and late.veto_failed
    assert "2026年11月02日" in late.summary


def test_home_page_with_nothing_dated_fails(home):
    result = run_at(updates.home_updated, D)
    assert result.status == "fail" and result.veto


def test_an_item_dated_after_today_is_flagged_until_that_day(home):
    column = news_column(home, "工作动态", "gzdt", D + dt.timedelta(days=3))
    result = run_at(updates.publication_dates, D)
    assert result.status == "fail"
    assert [i["title"] for i in result.items] == ["工作动态文章0（发布日期晚于今天）"]
    assert str(column.get_children().first().pk) in result.items[0]["url"]
    assert run_at(updates.publication_dates, D + dt.timedelta(days=3)).status == "pass"


# -- columns ---------------------------------------------------------------------------------------------------


def test_five_stale_news_columns_fail_the_site_and_four_only_warn(home):
    for i in range(5):
        news_column(home, f"工作动态{i}", f"gzdt{i}", D)
    assert run_at(updates.news_columns, D + dt.timedelta(days=11)).status == "pass"
    near = run_at(updates.news_columns, D + dt.timedelta(days=13))
    assert near.status == "warn" and "1天后超期" in near.items[0]["title"]
    stale = run_at(updates.news_columns, D + dt.timedelta(days=15))
    assert stale.status == "fail" and stale.veto_failed and len(stale.items) == 5
    NewsPage.objects.filter(title="工作动态0文章0").update(date=D + dt.timedelta(days=15))
    assert run_at(updates.news_columns, D + dt.timedelta(days=15)).status == "warn"  # 4 stale: a warning


def test_notice_and_policy_columns_count_with_news_after_six_months(home):
    organ = Organ.objects.create(name="省机关事务管理局", code="11430000006220052X")
    topic, genre = Topic.objects.create(name="机关事务", slug="jgsw"), Genre.objects.create(name="通知", slug="tz")
    for i in range(3):
        news_column(home, f"要闻{i}", f"yw{i}", D)
    news_column(home, "通知公告", "tzgg", D)
    policies = category(catalogue(home), "政策文件", "zcwj")
    publish(policies, PolicyPage(title="办法", slug="bf", organ=organ, topic=topic, genre=genre, publication_date=D))
    after_news = run_at(updates.news_columns, D + dt.timedelta(days=20))
    assert after_news.status == "warn" and len([i for i in after_news.items if "超过" in i["title"]]) == 3
    assert run_at(updates.news_columns, D + dt.timedelta(days=183)).status == "warn"
    half_year = run_at(updates.news_columns, D + dt.timedelta(days=184))
    assert half_year.status == "fail" and len(half_year.items) == 5


def test_ten_stale_yearly_columns_fail(home):
    cat = catalogue(home)
    organ = Organ.objects.create(name="省机关事务管理局", code="11430000006220052X")
    topic, genre = Topic.objects.create(name="财政", slug="cz"), Genre.objects.create(name="报告", slug="bg")
    for i in range(10):
        column = category(cat, f"规划计划{i}", f"ghjh{i}")
        item = DisclosureItemPage(title=f"计划{i}", slug=f"jh{i}", organ=organ, topic=topic, genre=genre, publication_date=D)
        publish(column, item)
    assert run_at(updates.stale_columns, D + dt.timedelta(days=300)).status == "pass"
    assert run_at(updates.stale_columns, D + dt.timedelta(days=366)).status == "warn"
    result = run_at(updates.stale_columns, D + dt.timedelta(days=367))
    assert result.status == "fail" and result.veto_failed and len(result.items) == 10


def test_five_empty_columns_fail_and_a_parent_category_is_not_a_column(home):
    for i in range(3):
        news_column(home, f"工作动态{i}", f"gzdt{i}")
    parent = category(catalogue(home), "财政资金", "czzj")
    result = run_at(updates.empty_columns, D)
    assert result.status == "warn" and len(result.items) == 4  # the category is empty too
    category(parent, "部门预算", "bmys")  # now 财政资金 holds a sub-category and is not counted; 部门预算 is
    news_column(home, "工作动态9", "gzdt9")
    result = run_at(updates.empty_columns, D)
    assert result.status == "fail" and result.veto_failed
    assert sorted(i["title"] for i in result.items)[-1].startswith("部门预算")
    assert not any(i["title"].startswith("财政资金") for i in result.items)


def test_a_column_rule_changes_the_frequency_or_exempts_the_column(home):
    column = news_column(home, "工作动态", "gzdt", D)
    assert run_at(updates.stale_columns, D + dt.timedelta(days=20)).status == "warn"
    ColumnRule.objects.create(page=column, kind=ColumnKind.NEWS, max_days=30)
    assert run_at(updates.stale_columns, D + dt.timedelta(days=20)).status == "pass"
    assert run_at(updates.stale_columns, D + dt.timedelta(days=31)).status == "warn"
    ColumnRule.objects.filter(page=column).update(kind=ColumnKind.EXEMPT)
    assert run_at(updates.stale_columns, D + dt.timedelta(days=400)).status == "pass"
    assert updates.guess_kind(column) == ColumnKind.NEWS


# -- responses to the public ------------------------------------------------------------------------------------


def letter(received: dt.datetime, **fields) -> Letter:
    category, _ = LetterCategory.objects.get_or_create(name="咨询", defaults={"deadline_workdays": 5})
    fields.update(writer_name="张三", phone="13800000000", subject="停车问题", message="请问……", received_at=received)
    return Letter.objects.create(category=category, **fields)


def test_a_letter_unanswered_for_three_months_fails_the_site(db):
    letter(moment(dt.date(2026, 8, 20)))
    assert run_at(responses.letters_answered, dt.date(2026, 8, 21)).status == "pass"
    assert run_at(responses.letters_answered, dt.date(2026, 11, 19)).status == "warn"  # past its 5 working days
    result = run_at(responses.letters_answered, dt.date(2026, 11, 21))
    assert result.status == "fail" and result.veto_failed
    assert "停车问题" in result.items[0]["title"] and "张三" not in result.items[0]["title"]


def test_a_letter_answered_after_three_months_counts_for_a_year(db):
    received = moment(dt.date(2026, 1, 5))
    letter(received, status=Letter.Status.REPLIED, replied_at=moment(dt.date(2026, 4, 10)))
    result = run_at(responses.letters_answered, dt.date(2026, 6, 1))
    assert result.status == "fail" and "超过3个月才答复" in result.items[0]["title"]
    assert run_at(responses.letters_answered, dt.date(2027, 4, 11)).status == "pass"


def test_error_reports_are_answered_in_three_working_days(db):
    with time_machine.travel(moment(D), tick=False):
        report = ErrorReport.objects.create(page_url="/xxgk/", error_type="typo", description="错字")
    assert report.due_on == D + dt.timedelta(days=3)  # Monday + 3 working days: Thursday
    assert run_at(responses.error_reports_answered, D + dt.timedelta(days=2)).status == "pass"
    assert run_at(responses.error_reports_answered, D + dt.timedelta(days=3)).status == "warn"
    assert run_at(responses.error_reports_answered, D + dt.timedelta(days=4)).status == "fail"
    ErrorReport.objects.filter(pk=report.pk).update(status=ErrorReport.Status.HANDLED)
    assert run_at(responses.error_reports_answered, D + dt.timedelta(days=4)).status == "pass"


def test_disclosure_requests_past_their_statutory_deadline(db):
    request = DisclosureRequest.objects.create(
        applicant_type="citizen",
        name="李四",
        phone="13800000000",
        address="长沙市",
        info_title="某项信息",
        info_description="描述",
        medium="paper",
        delivery="post",
        received_on=D,
    )
    assert run_at(responses.disclosure_requests_answered, D + dt.timedelta(days=1)).status == "pass"
    assert run_at(responses.disclosure_requests_answered, request.due_on).status == "warn"
    result = run_at(responses.disclosure_requests_answered, request.due_on + dt.timedelta(days=1))
    assert result.status == "fail" and request.code in result.items[0]["title"]


# -- content ----------------------------------------------------------------------------------------------------


def test_a_policy_past_its_expiry_still_in_force_warns(home):
    organ = Organ.objects.create(name="省机关事务管理局", code="11430000006220052X")
    topic, genre = Topic.objects.create(name="机关事务", slug="jgsw"), Genre.objects.create(name="办法", slug="bf")
    policies = category(catalogue(home), "政策文件", "zcwj")
    policy = publish(
        policies,
        PolicyPage(title="暂行办法", slug="zxbf", organ=organ, topic=topic, genre=genre, publication_date=D, expiry_date=D),
    )
    assert run_at(content.expired_in_force, D).status == "pass"
    result = run_at(content.expired_in_force, D + dt.timedelta(days=1))
    assert result.status == "warn" and "暂行办法" in result.items[0]["title"]
    PolicyPage.objects.filter(pk=policy.pk).update(validity=Validity.EXPIRED)
    assert run_at(content.expired_in_force, D + dt.timedelta(days=1)).status == "pass"


def test_sensitive_words_in_published_pages(home):
    news_column(home, "工作动态", "gzdt", D)
    assert run_at(content.sensitive_words_published, D).status == "pass"
    SensitiveWord.objects.create(word="正文", replacement="内容")
    result = run_at(content.sensitive_words_published, D + dt.timedelta(seconds=1))
    assert result.status == "fail" and "工作动态文章0" in result.items[0]["title"] and "“正文”" in result.items[0]["title"]


def test_images_without_alt_text(home):
    from tests.factories import make_image

    column = news_column(home, "工作动态", "gzdt", D)
    image = make_image()
    body = f'<p>图：</p><embed embedtype="image" id="{image.pk}" format="fullwidth" alt=""/>'
    publish(column, NewsPage(title="有图无说明", slug="tu", date=D, body=[("paragraph", body)]))
    result = run_at(content.images_alt_text, D)
    assert result.status == "warn" and result.items[0]["title"].startswith("有图无说明")


# -- the hook ---------------------------------------------------------------------------------------------------


def test_checks_from_other_apps_by_the_hook_and_a_broken_check_is_shown(home):
    def guides(now):
        return {
            "rule": "services.guide_elements",
            "title": "办事指南要素齐全",
            "threshold": "八项要素",
            "status": "fail",
            "veto": True,
            "items": [{"title": "办公用房维修", "url": "/admin/"}],
            "fix_url": "/admin/",
        }

    def broken(now):
        raise RuntimeError("boom")

    with hooks.register_temporarily(registry.HOOK, lambda: [guides, broken]):
        report = registry.run(at(D))
    by_rule = {r.rule: r for r in report.results}
    assert by_rule["services.guide_elements"].veto_failed and report.veto_failed and report.status == "fail"
    assert by_rule["broken"].status == "fail" and "boom" in by_rule["broken"].summary
    assert "home.updated" in by_rule and "links.working" in by_rule
