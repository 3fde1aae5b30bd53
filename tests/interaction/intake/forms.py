"""What the intake tests send: a valid letter, application and error report, each with the form's own token."""

import re

from interaction.letters.models import LetterCategory
from tests.interaction.disclosure_requests.support import citizen_application

TOKEN = re.compile(r'name="submission_token" value="([^"]+)"')


def token_of(client, url: str) -> str:
    """The one-time token of the form shown at `url`."""
    return TOKEN.search(client.get(url).content.decode()).group(1)


def letter(token: str, **changes) -> dict:
    data = {
        "writer_name": "张伟",
        "phone": "13912345678",
        "email": "ZhangWei@Example.com",
        "category": LetterCategory.objects.get(name="咨询").pk,
        "subject": "办公用房维修项目何时申报",
        "message": "想咨询省直机关办公用房维修项目每年什么时候申报。",
        "website": "",
        "submission_token": token,
    }
    data.update(changes)
    return data


def application(token: str, **changes) -> dict:
    return citizen_application(submission_token=token, **changes)


def report(token: str, **changes) -> dict:
    data = {
        "page_url": "/xxgk/",
        "error_type": "typo",
        "description": "第二段“机关事物”应为“机关事务”。",
        "contact": "",
        "website": "",
        "submission_token": token,
    }
    data.update(changes)
    return data


# (name, form URL, valid data, the change that makes it come back with errors)
FORMS = [
    ("letter", "/jzxx/write/", letter, {"message": "太短了"}),
    ("application", "/ysqgk/", application, {"info_title": ""}),
    ("report", "/zhaocuo/", report, {"description": ""}),
]
