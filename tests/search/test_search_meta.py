"""The search page describes itself to search engines and link previews (Lighthouse's SEO audit `meta-description`):
a meta description in Chinese, with or without a query."""

import pytest
from lxml import html


@pytest.mark.parametrize("params", [{}, {"q": "公务用车"}])
def test_search_page_has_a_meta_description(client, site_tree, params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    [description] = html.fromstring(response.content).xpath('//head/meta[@name="description"]/@content')
    assert description == "搜索本网站发布的政府信息、政策文件、办事服务和新闻动态。"
