"""Drafting on publication: one post per matching channel, only on the first publication, in each format."""

import datetime

import pytest

from cms.news.models import NewsPage
from delivery.social.drafting import WEIBO_LIMIT_UNITS, draft_post, page_image, truncate_weibo, weibo_length
from delivery.social.models import Post
from tests.factories import make_image, publish


def new_news(site_tree, capture, **extra):
    with capture(execute=True):
        return publish(
            site_tree.news_index,
            NewsPage(
                title=extra.pop("title", "省直机关开展节能宣传周活动"),
                slug=extra.pop("slug", "jnxcz"),
                date=datetime.date(2024, 6, 10),
                body=[("paragraph", "<p>" + extra.pop("text", "活动内容。") + "</p>")],
                **extra,
            ),
        )


@pytest.mark.django_db
def test_first_publication_drafts_one_post_per_channel(site_tree, channels, django_capture_on_commit_callbacks):
    page = new_news(site_tree, django_capture_on_commit_callbacks, image=make_image("节能"))
    posts = Post.objects.filter(page=page)
    assert sorted(p.channel.kind for p in posts) == ["mastodon", "webhook", "wechat", "weibo"]
    assert all(p.status == Post.Status.DRAFT and p.image_id == page.image_id for p in posts)
    assert all(p.link == page.full_url and p.link.startswith("http") for p in posts)


@pytest.mark.django_db
def test_republishing_does_not_draft_again(site_tree, channels, django_capture_on_commit_callbacks):
    page = new_news(site_tree, django_capture_on_commit_callbacks)
    assert Post.objects.filter(page=page).count() == 4
    Post.objects.filter(page=page).delete()
    page.title = "修改后的标题"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert Post.objects.filter(page=page).count() == 0


@pytest.mark.django_db
def test_disabled_channels_and_other_page_types_draft_nothing(site_tree, channels, django_capture_on_commit_callbacks):
    channels["weibo"].enabled = False
    channels["weibo"].save()
    page = new_news(site_tree, django_capture_on_commit_callbacks)
    assert "weibo" not in {p.channel.kind for p in Post.objects.filter(page=page)}
    assert Post.objects.exclude(page=page).count() == 0  # the site tree's other pages are not news


@pytest.mark.django_db
def test_formats_respect_each_channel_limit(site_tree, channels, django_capture_on_commit_callbacks):
    long_text = "机关事务管理局推进公共机构节约能源资源工作。" * 40
    page = new_news(site_tree, django_capture_on_commit_callbacks, text=long_text, search_description=long_text)
    weibo = Post.objects.get(page=page, channel__kind="weibo")
    assert weibo_length(weibo.text) <= WEIBO_LIMIT_UNITS
    assert weibo.text.endswith(" " + page.full_url) and "…" in weibo.text
    mastodon = Post.objects.get(page=page, channel__kind="mastodon")
    assert len(mastodon.text) - len(page.full_url) + 23 <= 500 and mastodon.text.endswith(page.full_url)
    wechat = Post.objects.get(page=page, channel__kind="wechat")
    assert len(wechat.text) <= 120 and "节约能源资源" in wechat.content_html


def test_weibo_counts_chinese_as_one_character_and_ascii_as_half():
    assert weibo_length("中文") == 4 and weibo_length("ab") == 2
    link = "https://www.example.gov.cn/news/2024/06/10/jnxcz/"
    text = truncate_weibo("汉" * 200, link)
    assert weibo_length(text) <= WEIBO_LIMIT_UNITS and text.endswith("… " + link)
    assert truncate_weibo("短文", link) == "短文 " + link


@pytest.mark.django_db
def test_page_image_is_the_pages_own_picture_else_its_drawn_share_card(site_tree, channels):
    assert page_image(site_tree.column).pk == site_tree.column.banner_id
    card = page_image(site_tree.about)  # no picture of its own: the drawn 1200×630 card, kept as an image
    assert (card.width, card.height) == (1200, 630)
    assert card.collection.name == "分享图片" and card.title == f"分享图：{site_tree.about.title}"
    assert page_image(site_tree.about).pk == card.pk  # drawn once
    post = draft_post(channels["webhook"], site_tree.news)
    assert post.text.startswith(site_tree.news.title)
