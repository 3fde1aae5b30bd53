"""Policies and interpretations: the link both ways, live interpretations only, replacement, kinds of interpretation."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from cms.policy.models import InterpretationPage, PolicyPage
from tests.factories import make_document, publish


def meta(tree, **extra):
    return dict(organ=tree.organ, topic=tree.topics["jgsw"], genre=tree.genres["tz"], **extra)


def test_live_interpretations_newest_first_without_drafts(tree):
    newer = publish(
        tree.interpretations,
        InterpretationPage(
            title="图解公务用车管理办法", slug="tj", policy=tree.policy, **meta(tree, publication_date=datetime.date(2017, 1, 1))
        ),
    )
    draft = InterpretationPage(title="草稿解读", slug="cg", policy=tree.policy, live=False, **meta(tree))
    tree.interpretations.add_child(instance=draft)
    other = publish(
        tree.interpretations,
        InterpretationPage(title="办公用房规定解读", slug="bgyf-jd", policy=tree.expired_policy, **meta(tree)),
    )

    policy = PolicyPage.objects.get(pk=tree.policy.pk)
    assert [p.pk for p in policy.live_interpretations()] == [newer.pk, tree.interpretation.pk]
    assert other.pk not in [p.pk for p in policy.live_interpretations()]
    assert set(policy.interpretations.values_list("pk", flat=True)) == {newer.pk, tree.interpretation.pk, draft.pk}


def test_policy_cannot_replace_itself(tree):
    policy = PolicyPage.objects.get(pk=tree.policy.pk)
    policy.replaces = policy
    with pytest.raises(ValidationError) as exc:
        policy.clean()
    assert "replaces" in exc.value.error_dict

    policy.replaces = tree.expired_policy
    policy.clean()
    policy.save()
    assert [p.pk for p in PolicyPage.objects.get(pk=tree.expired_policy.pk).replaced_by.all()] == [policy.pk]


@pytest.mark.parametrize(
    "kind, fields, error_field",
    [
        ("graphic", {}, "graphic"),
        ("video", {}, "video"),
        ("video", {"video_url": "https://v.example.gov.cn/1"}, None),
        ("text", {}, None),
    ],
)
def test_interpretation_kinds(tree, kind, fields, error_field):
    page = InterpretationPage(
        title="解读",
        slug="jd-kind",
        policy=tree.policy,
        kind=kind,
        **meta(tree, publication_date=datetime.date(2016, 3, 20)),
        **fields,
    )
    if error_field:
        with pytest.raises(ValidationError) as exc:
            page.clean()
        assert list(exc.value.error_dict) == [error_field]
    else:
        page.clean()


def test_video_file_is_enough(tree):
    page = InterpretationPage(
        title="视频解读",
        slug="sp",
        policy=tree.policy,
        kind="video",
        video=make_document("解读视频", b"\x00\x00\x00\x18ftypmp42", "v.mp4"),
        **meta(tree),
    )
    page.clean()


def test_metadata_errors_and_kind_errors_come_together(tree):
    page = InterpretationPage(
        title="解读",
        slug="jd2",
        policy=tree.policy,
        kind="graphic",
        **meta(tree, date_written=datetime.date(2020, 1, 2), publication_date=datetime.date(2020, 1, 1)),
    )
    with pytest.raises(ValidationError) as exc:
        page.clean()
    assert set(exc.value.error_dict) == {"graphic", "date_written"}
