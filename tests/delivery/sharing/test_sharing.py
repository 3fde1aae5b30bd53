"""Share cards over HTTP: Open Graph and Twitter tags on every page type, the drawn image, the QR code, Weibo links."""

from __future__ import annotations

import io
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
import zxingcpp
from PIL import Image

from cms.news.models import NewsPage
from delivery.sharing import images
from tests.factories import make_image, publish

PAGE_ATTRS = [
    "home",
    "catalogue",
    "policies",
    "finance_budget",
    "policy",
    "expired_policy",
    "interpretation",
    "report",
    "guide",
    "rules",
    "news_index",
    "news",
    "column_index",
    "column",
    "section",
    "article",
    "press_index",
    "conference",
    "about",
]
LISTINGS = {"home", "catalogue", "policies", "finance_budget", "news_index", "column_index", "column", "section", "press_index"}


def meta(html: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for key, value in re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)"', html):
        found.setdefault(key, []).append(unescape(value))
    return found


def qr_text(html: str) -> str:
    """Rasterise segno's inline SVG path (M/m moves, h runs) and decode it with zxing-cpp."""
    path = re.search(r'<svg[^>]*class="share-qr-code"[^>]*>.*?\bd="([^"]+)"', html, re.S).group(1)
    size = int(re.search(r'<svg width="(\d+)"', html).group(1)) // 4
    img = Image.new("L", (size * 8, size * 8), 255)
    x = y = 0.0
    for cmd, args in re.findall(r"([MmHh])([^MmHh]*)", path):
        nums = [float(n) for n in args.split()] if " " in args.strip() else [float(args)]
        if cmd == "M":
            x, y = nums
        elif cmd == "m":
            x, y = x + nums[0], y + nums[1]
        else:
            run = nums[0]
            for cx in range(int(x), int(x + run)):
                for dx in range(8):
                    for dy in range(8):
                        img.putpixel((cx * 8 + dx, int(y) * 8 + dy), 0)
            x += run
    [result] = zxingcpp.read_barcodes(img)
    return result.text


@pytest.mark.parametrize("attr", PAGE_ATTRS)
def test_every_page_type_has_open_graph_and_twitter_tags(client, site_tree, attr):
    page = getattr(site_tree, attr)
    html = client.get(page.url).content.decode()
    tags = meta(html)
    url = "http://testserver" + page.url
    assert tags["og:title"] == [page.title]
    assert tags["og:url"] == [url] and f'<link rel="canonical" href="{url}">' in html
    assert tags["og:site_name"] == ["省机关事务管理局"] and tags["og:locale"] == ["zh_CN"]
    assert tags["og:description"][0]
    assert tags["twitter:card"] == ["summary_large_image"]
    assert tags["twitter:image"] == tags["og:image"] and tags["og:image"][0].startswith("http://testserver/")
    assert tags["og:image:alt"][0]
    assert int(tags["og:image:width"][0]) > 0 and int(tags["og:image:height"][0]) > 0
    if attr in LISTINGS:
        assert tags["og:type"] == ["website"] and "article:published_time" not in tags
        assert 'class="share-bar' not in html
    else:
        assert tags["og:type"] == ["article"]
        assert tags["article:published_time"][0].endswith("+08:00")
        assert 'class="share-bar' in html


def test_article_metadata_carries_dates_section_and_tags(client, site_tree):
    tags = meta(client.get(site_tree.policy.url).content.decode())
    assert tags["article:published_time"] == ["2016-03-15T00:00:00+08:00"]
    assert tags["article:section"] == ["政府信息公开目录"]
    assert {"机关事务", "办法", "政策文件"} <= set(tags["article:tag"])
    assert tags["og:description"] == ["规范省直机关公务用车的配备、使用和管理。"]


def test_drawn_card_is_a_1200x630_png_redrawn_after_a_change(client, site_tree):
    policy = site_tree.policy
    tags = meta(client.get(policy.url).content.decode())
    assert tags["og:image"] == [f"http://testserver/share/card/{policy.pk}.png"]
    assert tags["og:image:width"] == ["1200"] and tags["og:image:height"] == ["630"]
    response = client.get(f"/share/card/{policy.pk}.png")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    first = response.content
    with Image.open(io.BytesIO(first)) as img:
        assert img.format == "PNG" and img.size == (1200, 630)
        # the title is drawn: dark pixels in the title area, on white
        assert img.convert("L").crop((80, 90, 1120, 400)).getextrema()[0] < 80
    assert (
        images.card_name(policy)
        and client.get(f"/share/card/{policy.pk}.png", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    )

    policy.title = "省直机关公务用车管理办法（修订）"
    policy.save_revision().publish()
    second = client.get(f"/share/card/{policy.pk}.png").content
    assert second != first
    with Image.open(io.BytesIO(second)) as img:
        assert img.size == (1200, 630)


def test_long_titles_wrap_and_stay_inside_the_card():
    data = images.draw_card("关于进一步加强和规范省直机关公务用车配备使用管理若干问题的通知" * 3, "省机关事务管理局")
    with Image.open(io.BytesIO(data)) as img:
        assert img.size == (1200, 630)
        grey = img.convert("L")
        assert grey.crop((0, 30, 70, 470)).getextrema()[0] > 200  # left margin stays blank: nothing overflowed
        assert grey.crop((80, 270, 1120, 370)).getextrema()[0] < 80  # a third line was drawn


def test_page_with_its_own_image_shares_a_rendition(client, site_tree):
    news = site_tree.news
    news.image = make_image("电子政务", size=(2400, 1600))
    news.save_revision().publish()
    tags = meta(client.get(news.url).content.decode())
    assert tags["og:image:width"] == ["1200"] and tags["og:image:height"] == ["630"]
    assert "/share/card/" not in tags["og:image"][0]
    assert tags["og:image:alt"] == ["电子政务"]
    path = urlsplit(tags["og:image"][0]).path
    from django.conf import settings

    rendered = settings.MEDIA_ROOT / path.removeprefix(settings.MEDIA_URL)
    with Image.open(rendered) as img:
        assert img.size == (1200, 630)
    # press conferences share their first photo, special columns their banner
    photo = site_tree.conference.photos.first().image
    photo.file.save("big.png", make_image(size=(1600, 900)).file, save=True)
    assert "/share/card/" not in meta(client.get(site_tree.conference.url).content.decode())["og:image"][0]
    # a picture too small for a large card (the 64×48 banner) gives way to the drawn card
    assert "/share/card/" in meta(client.get(site_tree.column.url).content.decode())["og:image"][0]


def test_wechat_qr_code_decodes_to_the_page_address(client, site_tree):
    html = client.get(site_tree.policy.url).content.decode()
    assert "<details>" in html and "微信" in html
    assert qr_text(html) == "http://testserver" + site_tree.policy.url


def test_weibo_link_is_encoded(client, site_tree):
    html = client.get(site_tree.policy.url).content.decode()
    href = unescape(re.search(r'<li class="share-weibo"><a href="([^"]+)"', html).group(1))
    parts = urlsplit(href)
    assert parts.scheme == "https" and parts.netloc == "service.weibo.com" and parts.path == "/share/share.php"
    query = parse_qs(parts.query)
    assert query["url"] == ["http://testserver" + site_tree.policy.url]
    assert query["title"] == [site_tree.policy.title]
    assert query["pic"] == [f"http://testserver/share/card/{site_tree.policy.pk}.png"]


def test_copy_link_works_without_javascript(client, site_tree):
    html = client.get(site_tree.news.url).content.decode()
    assert '<label for="share-url">' in html
    assert f'<input id="share-url" type="url" value="http://testserver{site_tree.news.url}" readonly>' in html
    assert "复制链接" in html and "分享" in html


def test_hostile_titles_are_escaped_everywhere(client, site_tree):
    hostile = publish(
        site_tree.news_index, NewsPage(title='<script>alert(1)</script>"动态', slug="hostile", body=[("paragraph", "<p>x</p>")])
    )
    html = client.get(hostile.url).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert meta(html)["og:title"] == ['<script>alert(1)</script>"动态']
    assert meta(html)["twitter:title"] == ['<script>alert(1)</script>"动态']
    response = client.get(f"/share/card/{hostile.pk}.png")
    with Image.open(io.BytesIO(response.content)) as img:
        assert img.size == (1200, 630)


def test_search_page_and_unknown_cards(client, site_tree):
    tags = meta(client.get("/search/", {"q": "公务用车"}).content.decode())
    assert tags["og:type"] == ["website"] and "公务用车" in tags["og:title"][0]
    assert client.get("/share/card/999999.png").status_code == 404
    site_tree.news.unpublish()
    assert client.get(f"/share/card/{site_tree.news.pk}.png").status_code == 404


def test_missing_font_fails_clearly(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    images.font_path.cache_clear()
    monkeypatch.setattr(images, "FONT_PATHS", ["/nonexistent/font.ttc"])
    monkeypatch.setattr(images.shutil, "which", lambda name: None)
    try:
        with pytest.raises(ImproperlyConfigured, match="fonts-noto-cjk"):
            images.font_path()
    finally:
        images.font_path.cache_clear()
