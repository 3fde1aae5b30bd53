"""Every intake response is never stored, on both pages the intake routes serve and on the error report form; the
routes keep their URLs; the mailbox's listing of answered letters stays cacheable."""

import pytest

from interaction.disclosure_requests.models import DisclosureRequest

from .forms import application, letter, report, token_of

pytestmark = pytest.mark.django_db

NEVER_STORED = "private, no-store"


def test_every_intake_page_is_never_stored(client, pages):
    client.post("/ysqgk/", application(token_of(client, "/ysqgk/")))
    code = DisclosureRequest.objects.get().code
    responses = {
        "write": client.get("/jzxx/write/"),
        "write sent back": client.post("/jzxx/write/", letter("t-1", message="短")),
        "write sent": client.post("/jzxx/write/", letter(token_of(client, "/jzxx/write/"))),
        "letters thanks": client.get("/jzxx/thanks/"),
        "letters lookup": client.get("/jzxx/lookup/"),
        "letters lookup sent": client.post("/jzxx/lookup/", {"code": "AAAABBBBCCCC", "contact": "13800000000"}),
        "apply": client.get("/ysqgk/"),
        "apply sent back": client.post("/ysqgk/", application("t-2", info_title="")),
        "apply thanks": client.get("/ysqgk/thanks/"),
        "apply lookup": client.get("/ysqgk/lookup/"),
        "apply lookup sent": client.post("/ysqgk/lookup/", {"code": code, "contact": "13900000000"}),
        "reply letter": client.get(f"/ysqgk/letter/{code}/"),
        "report": client.get("/zhaocuo/?page=/xxgk/"),
        "report sent back": client.post("/zhaocuo/", report("t-3", description="")),
        "report sent": client.post("/zhaocuo/", report(token_of(client, "/zhaocuo/?page=/xxgk/"))),
        "report thanks": client.get("/zhaocuo/thanks/?page=/xxgk/"),
    }
    assert responses["write sent"].status_code == responses["report sent"].status_code == 302
    assert responses["reply letter"].status_code == 403
    for name, response in responses.items():
        assert response.get("Cache-Control") == NEVER_STORED, name
    other = type(client)()  # a visitor without a session: the thanks page sends back to the form, never stored
    fresh = other.get("/ysqgk/thanks/")
    assert fresh.status_code == 302 and fresh["Cache-Control"] == NEVER_STORED


def test_the_listing_of_answered_letters_stays_cacheable(client, pages, settings):
    settings.PAGECACHE_ENABLED = True
    assert "no-store" not in client.get("/jzxx/").get("Cache-Control", "")
    assert client.get("/jzxx/").get("X-Cache") == "HIT"


def test_the_shared_routes_keep_their_urls(pages):
    mailbox, request_page = pages
    assert [mailbox.reverse_subpage(name) for name in ("listing", "write", "thanks", "lookup")] == [
        "",
        "write/",
        "thanks/",
        "lookup/",
    ]
    assert [request_page.reverse_subpage(name) for name in ("application", "thanks", "lookup")] == ["", "thanks/", "lookup/"]
    assert request_page.reverse_subpage("letter", args=["YSQ2025ABCDEFGH"]) == "letter/YSQ2025ABCDEFGH/"
