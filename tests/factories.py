"""Builds small real page trees for tests: every page type, published through Wagtail's revisions."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page, Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from cms.columns.models import ColumnArticlePage, ColumnIndexPage, ColumnSectionPage, SpecialColumnPage
from cms.core.models import StandardPage
from cms.disclosure.models import (
    AnnualReportPage,
    CatalogueIndexPage,
    CategoryPage,
    DisclosureAttachment,
    DisclosureGuidePage,
    DisclosureItemPage,
    DisclosureRulesPage,
)
from cms.home.models import HomePage
from cms.news.models import NewsIndexPage, NewsPage
from cms.policy.models import InterpretationPage, PolicyPage
from cms.press.models import Photo, PressConferencePage, PressIndexPage, Speaker
from cms.taxonomy.models import Genre, Organ, Topic


def make_image(title: str = "图片", size=(64, 48), color=(200, 30, 30)) -> Image:
    from io import BytesIO

    from PIL import Image as PILImage

    buf = BytesIO()
    PILImage.new("RGB", size, color).save(buf, "PNG")
    return Image.objects.create(title=title, file=ContentFile(buf.getvalue(), name="test.png"))


def make_document(title: str = "附件", content: bytes = b"%PDF-1.4\n% test\n", name: str = "test.pdf") -> Document:
    return Document.objects.create(title=title, file=ContentFile(content, name=name))


def publish(parent: Page, page: Page) -> Page:
    """Add `page` under `parent` as a draft, then publish it through a revision, as an editor would."""
    page.live = False
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page.__class__.objects.get(pk=page.pk)


@dataclass
class SiteTree:
    home: HomePage
    catalogue: CatalogueIndexPage
    policies: CategoryPage
    interpretations: CategoryPage
    finance: CategoryPage
    finance_budget: CategoryPage
    reports: CategoryPage
    organ: Organ
    organ2: Organ
    topics: dict[str, Topic]
    genres: dict[str, Genre]
    items: list[DisclosureItemPage] = field(default_factory=list)
    policy: PolicyPage | None = None
    expired_policy: PolicyPage | None = None
    interpretation: InterpretationPage | None = None
    report: AnnualReportPage | None = None
    guide: DisclosureGuidePage | None = None
    rules: DisclosureRulesPage | None = None
    news_index: NewsIndexPage | None = None
    news: NewsPage | None = None
    column_index: ColumnIndexPage | None = None
    column: SpecialColumnPage | None = None
    section: ColumnSectionPage | None = None
    article: ColumnArticlePage | None = None
    press_index: PressIndexPage | None = None
    conference: PressConferencePage | None = None
    about: StandardPage | None = None


def build_site() -> SiteTree:
    """A small site holding one or more of every page type, rooted at the default Site."""
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="省机关事务管理局", slug="test-home"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home, "site_name": "省机关事务管理局"}
    )

    organ = Organ.objects.create(name="湖南省机关事务管理局", short_name="省机关事务局", code="11430000006220052X")
    organ2 = Organ.objects.create(name="湖南省财政厅", short_name="省财政厅", code="114300000061000000")
    topics = {
        slug: Topic.objects.create(name=name, slug=slug)
        for slug, name in [("jgsw", "机关事务"), ("cz", "财政"), ("gyzc", "国有资产监管")]
    }
    genres = {slug: Genre.objects.create(name=name, slug=slug) for slug, name in [("tz", "通知"), ("bf", "办法"), ("bg", "报告")]}

    catalogue = publish(home, CatalogueIndexPage(title="政府信息公开目录", slug="xxgk"))
    policies = publish(catalogue, CategoryPage(title="政策文件", slug="zcwj"))
    interpretations = publish(catalogue, CategoryPage(title="政策解读", slug="zcjd"))
    finance = publish(catalogue, CategoryPage(title="财政资金", slug="czzj"))
    finance_budget = publish(finance, CategoryPage(title="部门预算", slug="bmys"))
    reports = publish(catalogue, CategoryPage(title="信息公开年报", slug="ndbg"))
    tree = SiteTree(
        home=home,
        catalogue=catalogue,
        policies=policies,
        interpretations=interpretations,
        finance=finance,
        finance_budget=finance_budget,
        reports=reports,
        organ=organ,
        organ2=organ2,
        topics=topics,
        genres=genres,
    )

    tree.policy = publish(
        policies,
        PolicyPage(
            title="省直机关公务用车管理办法",
            slug="gwyc",
            organ=organ,
            topic=topics["jgsw"],
            genre=genres["bf"],
            document_number="湘机管发〔2016〕3号",
            date_written=datetime.date(2016, 3, 1),
            publication_date=datetime.date(2016, 3, 15),
            keywords="公务用车 管理",
            effective_date=datetime.date(2016, 4, 1),
            summary="规范省直机关公务用车的配备、使用和管理。",
            body="<p>为加强省直机关公务用车管理，制定本办法。</p>",
        ),
    )
    tree.expired_policy = publish(
        policies,
        PolicyPage(
            title="省直机关办公用房管理暂行规定",
            slug="bgyf",
            organ=organ,
            topic=topics["gyzc"],
            genre=genres["bf"],
            document_number="湘机管发〔2014〕7号",
            publication_date=datetime.date(2014, 6, 1),
            effective_date=datetime.date(2014, 7, 1),
            expiry_date=datetime.date(2019, 6, 30),
            body="<p>办公用房管理暂行规定。</p>",
        ),
    )
    doc = make_document("公务用车管理办法（全文）")
    policy = tree.policy
    policy.attachments.add(DisclosureAttachment(document=doc))
    policy.save_revision().publish()

    tree.interpretation = publish(
        interpretations,
        InterpretationPage(
            title="《省直机关公务用车管理办法》解读",
            slug="gwyc-jd",
            organ=organ,
            topic=topics["jgsw"],
            genre=genres["tz"],
            policy=tree.policy,
            publication_date=datetime.date(2016, 3, 16),
            body="<p>一、制定背景。</p>",
        ),
    )
    tree.items.append(
        publish(
            finance_budget,
            DisclosureItemPage(
                title="2024年部门预算公开",
                slug="ys2024",
                organ=organ2,
                topic=topics["cz"],
                genre=genres["bg"],
                publication_date=datetime.date(2024, 2, 1),
                validity="valid",
                body="<p>部门预算。</p>",
            ),
        )
    )
    tree.items.append(
        publish(
            finance,
            DisclosureItemPage(
                title="2023年三公经费决算说明",
                slug="sg2023",
                organ=organ,
                topic=topics["cz"],
                genre=genres["bg"],
                publication_date=datetime.date(2023, 7, 20),
                validity="repealed",
                body="<p>三公经费。</p>",
            ),
        )
    )
    tree.report = publish(
        reports,
        AnnualReportPage(
            title="2023年政府信息公开工作年度报告",
            slug="nb2023",
            report_year=2023,
            organ=organ,
            topic=topics["jgsw"],
            genre=genres["bg"],
            publication_date=datetime.date(2024, 1, 25),
        ),
    )
    tree.guide = publish(catalogue, DisclosureGuidePage(title="政府信息公开指南", slug="guide"))
    tree.rules = publish(catalogue, DisclosureRulesPage(title="政府信息公开制度", slug="rules"))

    tree.news_index = publish(home, NewsIndexPage(title="工作动态", slug="news"))
    tree.news = publish(
        tree.news_index,
        NewsPage(
            title="我局推进电子政务建设",
            slug="dzzw",
            date=datetime.date(2016, 5, 10),
            is_headline=True,
            source="省机关事务管理局",
            body=[("paragraph", "<p>省直机关公务用车管理系统上线运行。</p>")],
        ),
    )

    tree.column_index = publish(home, ColumnIndexPage(title="专题专栏", slug="ztzl"))
    tree.column = publish(
        tree.column_index,
        SpecialColumnPage(title="节约型机关建设", slug="jyxjg", start_date=datetime.date(2020, 1, 1), banner=make_image("横幅")),
    )
    tree.section = publish(tree.column, ColumnSectionPage(title="工作部署", slug="gzbs"))
    tree.article = publish(
        tree.section,
        ColumnArticlePage(
            title="全省节能宣传周活动启动",
            slug="jnxcz",
            date=datetime.date(2021, 6, 14),
            body=[("paragraph", "<p>节能宣传周。</p>")],
        ),
    )

    tree.press_index = publish(home, PressIndexPage(title="新闻发布会", slug="xwfbh"))
    conference = PressConferencePage(
        title="公务用车制度改革新闻发布会",
        slug="gcgg",
        venue="省政府新闻发布厅",
        summary="介绍公务用车制度改革进展。",
        transcript=[
            (
                "qa",
                {
                    "asker": "",
                    "outlet": "湖南日报",
                    "question": "改革后如何保障公务出行？",
                    "answerer": "张三",
                    "answer": "<p>通过社会化保障。</p>",
                },
            )
        ],
    )
    conference.speakers.add(Speaker(role="host", name="李四", title="省政府新闻办副主任"))
    conference.speakers.add(Speaker(role="speaker", name="张三", title="省机关事务管理局副局长"))
    conference.photos.add(Photo(image=make_image("发布会现场"), caption="发布会现场"))
    tree.conference = publish(tree.press_index, conference)
    tree.about = publish(home, StandardPage(title="机构概况", slug="jggk", body=[("paragraph", "<p>机构职能。</p>")]))
    return tree


# The fields every page's admin form posts besides its own.
PAGE_COMMON = {"seo_title": "", "search_description": "", "go_live_at": "", "expire_at": "", "comments": inline_formset([])}


def item_form_data(tree, body_html: str = "<p>正文。</p>", **overrides) -> dict:
    """The POST of a disclosure item's add form in the admin, as the browser sends it; `None` drops a field."""
    data = {
        "title": "关于测试事项的通知",
        "slug": "ceshi",
        "index_number": "",
        "organ": tree.organ.pk,
        "document_number": "",
        "date_written": "",
        "publication_date": "2024-03-01",
        "topic": tree.topics["jgsw"].pk,
        "genre": tree.genres["tz"].pk,
        "keywords": "测试",
        "validity": "valid",
        "effective_date": "",
        "expiry_date": "",
        "summary": "",
        "body": rich_text(body_html),
        "attachments": inline_formset([]),
        **PAGE_COMMON,
    }
    data.update(overrides)
    return nested_form_data({k: v for k, v in data.items() if v is not None})
