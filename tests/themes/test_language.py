"""The public interface is in Chinese whatever language the visitor's browser asks for."""

import pytest


@pytest.mark.parametrize("accept_language", ["en-US,en;q=0.9", "zh-CN,zh;q=0.9", ""])
def test_interface_is_chinese_for_every_browser_language(client, site_tree, accept_language):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="zh-Hans"' in html
    assert "首页" in html
    assert ">Home<" not in html
