"""Pages, images and documents endpoints: every custom field, nested snippets, catalogue filters, search."""

import pytest

from cms.disclosure.models import DisclosureItemPage

pytestmark = pytest.mark.django_db


def get(client, url, **params):
    response = client.get(url, params)
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    return response, response.json()


def titles(body):
    return {item["title"] for item in body["items"]}


def test_policy_detail_has_every_custom_field(client, site_tree):
    response, body = get(client, f"/api/v2/pages/{site_tree.policy.pk}/")
    assert response.status_code == 200
    assert body["organ"] == {
        "id": site_tree.organ.pk,
        "name": "湖南省机关事务管理局",
        "short_name": "省机关事务局",
        "code": "11430000006220052X",
    }
    assert body["topic"]["slug"] == "jgsw" and body["genre"]["slug"] == "bf"
    assert body["document_number"] == "湘机管发〔2016〕3号"
    assert body["publication_date"] == "2016-03-15"
    assert body["current_validity"] == "valid"
    assert body["body"] == "<p>为加强省直机关公务用车管理，制定本办法。</p>"
    attachment = body["attachments"][0]
    assert attachment["title"] == "公务用车管理办法（全文）"
    assert attachment["document"]["download_url"].startswith("http://testserver/documents/")
    assert [i["title"] for i in body["interpretations"]] == ["《省直机关公务用车管理办法》解读"]
    assert body["interpretations"][0]["html_url"].endswith("/gwyc-jd/")


def test_interpretation_links_back_to_policy(client, site_tree):
    _, body = get(client, f"/api/v2/pages/{site_tree.interpretation.pk}/")
    assert body["policy"]["id"] == site_tree.policy.pk
    assert body["policy"]["title"] == "省直机关公务用车管理办法"


def test_expired_item_reports_current_validity(client, site_tree):
    _, body = get(client, f"/api/v2/pages/{site_tree.expired_policy.pk}/")
    assert body["validity"] == "valid" and body["current_validity"] == "expired"


def test_press_conference_speakers_photos_transcript(client, site_tree):
    from cms.press.models import PressConferencePage

    conference = PressConferencePage.objects.get()
    _, body = get(client, f"/api/v2/pages/{conference.pk}/")
    assert [(s["role"], s["name"]) for s in body["speakers"]] == [("host", "李四"), ("speaker", "张三")]
    assert body["photos"][0]["caption"] == "发布会现场"
    assert body["photos"][0]["image"]["rendition"]["url"]
    assert body["transcript"][0]["type"] == "qa"


def test_news_streamfield_and_image(client, site_tree):
    _, body = get(client, f"/api/v2/pages/{site_tree.news.pk}/")
    assert body["body"][0]["type"] == "paragraph"
    assert "公务用车管理系统" in body["body"][0]["value"]
    _, column = get(client, f"/api/v2/pages/{site_tree.column.pk}/")
    assert column["banner"]["title"] == "横幅"


def test_rich_text_internal_links_are_expanded(client, site_tree):
    page = site_tree.interpretation
    page.body = f'<p>见<a linktype="page" id="{site_tree.policy.pk}">办法</a>。</p>'
    page.save_revision().publish()
    _, body = get(client, f"/api/v2/pages/{page.pk}/")
    assert f'href="{site_tree.policy.url}"' in body["body"]
    assert "linktype" not in body["body"]


def test_listing_fields_by_type(client, site_tree):
    _, body = get(client, "/api/v2/pages/", type="policy.PolicyPage", fields="organ,current_validity")
    assert titles(body) == {"省直机关公务用车管理办法", "省直机关办公用房管理暂行规定"}
    assert {item["current_validity"] for item in body["items"]} == {"valid", "expired"}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"organ": "114300000061000000"}, {"2024年部门预算公开"}),
        ({"topic": "cz"}, {"2024年部门预算公开", "2023年三公经费决算说明"}),
        ({"genre": "tz"}, {"《省直机关公务用车管理办法》解读"}),
        ({"year": "2016"}, {"省直机关公务用车管理办法", "《省直机关公务用车管理办法》解读"}),
        ({"validity": "repealed"}, {"2023年三公经费决算说明"}),
        ({"validity": "expired"}, {"省直机关办公用房管理暂行规定"}),
        ({"category": "zcjd"}, {"《省直机关公务用车管理办法》解读"}),
        ({"published_after": "2024-01-01", "published_before": "2024-01-31"}, {"2023年政府信息公开工作年度报告"}),
    ],
)
def test_catalogue_filters(client, site_tree, params, expected):
    response, body = get(client, "/api/v2/pages/", **params)
    assert response.status_code == 200, body
    assert titles(body) == expected


def test_catalogue_filter_with_type_and_fields(client, site_tree):
    response, body = get(
        client, "/api/v2/pages/", type="policy.PolicyPage", organ="11430000006220052X", validity="valid", fields="organ"
    )
    assert response.status_code == 200, body
    assert titles(body) == {"省直机关公务用车管理办法"}
    assert body["items"][0]["organ"]["code"] == "11430000006220052X"


def test_category_by_id_includes_descendants(client, site_tree):
    _, body = get(client, "/api/v2/pages/", category=site_tree.finance.pk, limit=50)
    expected = set(DisclosureItemPage.objects.descendant_of(site_tree.finance).values_list("title", flat=True))
    assert expected and titles(body) == expected


def test_order_and_wagtail_filters_still_work(client, site_tree):
    _, body = get(client, "/api/v2/pages/", type="policy.PolicyPage", order="-publication_date", fields="publication_date")
    assert [i["publication_date"] for i in body["items"]] == ["2016-03-15", "2014-06-01"]
    _, body = get(client, "/api/v2/pages/", child_of=site_tree.policies.pk)
    assert titles(body) == {"省直机关公务用车管理办法", "省直机关办公用房管理暂行规定"}


def test_search_uses_segmented_site_search(client, indexed_site):
    _, body = get(client, "/api/v2/pages/", search="公务用车", limit=50)
    found = titles(body)
    assert "我局推进电子政务建设" in found  # body: 省直机关公务用车管理系统上线运行
    assert "省直机关公务用车管理办法" in found
    assert "全省节能宣传周活动启动" not in found


def test_images_and_documents(client, site_tree):
    response, body = get(client, "/api/v2/images/")
    assert response.status_code == 200 and {"横幅", "发布会现场"} <= titles(body)
    response, body = get(client, "/api/v2/documents/")
    assert response.status_code == 200 and "公务用车管理办法（全文）" in titles(body)
