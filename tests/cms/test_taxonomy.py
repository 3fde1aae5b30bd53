"""Taxonomy: organ code validation, term ordering, and organs/topics/genres as snippets in the admin."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from cms.taxonomy.models import Genre, Organ, Topic
from tests.cms.support import error_shown


@pytest.mark.parametrize("code", ["11430000006220052X", "114300000061000000", "ABC123", "12345678901234567890"])
def test_valid_organ_codes(db, code):
    Organ(name=f"机关{code}", code=code).full_clean()


@pytest.mark.parametrize(
    "code", ["", "12345", "11430000006220052x", "1143-0000", "114300000062200522222", "湘机管", "1143 0000 0062"]
)
def test_invalid_organ_codes_are_refused(db, code):
    with pytest.raises(ValidationError) as exc:
        Organ(name="某机关", code=code).full_clean()
    assert "code" in exc.value.error_dict


def test_organ_code_and_name_are_unique(db):
    Organ.objects.create(name="湖南省财政厅", code="114300000061000000")
    with pytest.raises(ValidationError) as exc:
        Organ(name="另一个机关", code="114300000061000000").full_clean()
    assert "code" in exc.value.error_dict
    with transaction.atomic(), pytest.raises(IntegrityError):
        Organ.objects.create(name="湖南省财政厅", code="ABCDEF")


def test_terms_are_ordered_by_order_then_name(db):
    Topic.objects.create(name="财政", slug="cz", order=2)
    Topic.objects.create(name="机关事务", slug="jgsw", order=1)
    Topic.objects.create(name="国有资产监管", slug="gyzc", order=2)
    assert [t.slug for t in Topic.objects.all()] == ["jgsw", "gyzc", "cz"]
    assert str(Topic.objects.get(slug="cz")) == "财政"


def test_term_slug_must_be_ascii(db):
    with pytest.raises(ValidationError) as exc:
        Genre(name="通知", slug="通知").full_clean()
    assert "slug" in exc.value.error_dict


# -- admin ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("model", [Organ, Topic, Genre])
def test_snippet_listing_shows_the_terms(editor_client, tree, model):
    url = reverse(f"wagtailsnippets_taxonomy_{model._meta.model_name}:list")
    response = editor_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    objects = list(model.objects.all())
    assert objects
    for obj in objects:
        assert obj.name in html
    if model is Organ:
        assert tree.organ.code in html and tree.organ2.code in html
    else:
        assert all(obj.slug in html for obj in objects)


@pytest.mark.parametrize("query", ["财政厅", "114300000061000000", "0061000"])
def test_snippet_listing_searches_organs_by_name_and_code(editor_client, tree, query):
    response = editor_client.get(reverse("wagtailsnippets_taxonomy_organ:list"), {"q": query})
    assert response.status_code == 200
    assert [o.pk for o in response.context["object_list"]] == [tree.organ2.pk]


def test_snippet_listing_searches_topics(editor_client, tree):
    response = editor_client.get(reverse("wagtailsnippets_taxonomy_topic:list"), {"q": "财政"})
    assert response.status_code == 200
    assert tree.topics["cz"] in list(response.context["object_list"])
    assert tree.topics["jgsw"] not in list(response.context["object_list"])


def test_snippets_need_login(client, tree):
    response = client.get(reverse("wagtailsnippets_taxonomy_organ:list"))
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


def test_adding_an_organ_with_a_bad_code_through_the_admin(editor_client, db):
    url = reverse("wagtailsnippets_taxonomy_organ:add")
    response = editor_client.post(url, {"name": "湖南省某局", "short_name": "", "code": "abc", "order": "0"})
    assert response.status_code == 200
    form = response.context["form"]
    assert "code" in form.errors
    assert error_shown(response.content.decode(), form.errors.as_data()["code"][0])
    assert not Organ.objects.filter(name="湖南省某局").exists()

    response = editor_client.post(url, {"name": "湖南省某局", "short_name": "某局", "code": "11430000ABC", "order": "0"})
    assert response.status_code == 302
    assert Organ.objects.get(name="湖南省某局").code == "11430000ABC"
