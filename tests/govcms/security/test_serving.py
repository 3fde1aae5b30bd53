"""Every uploaded file is served so that no browser renders it as a page: nosniff always, and everything but PDF
(shown by the browser's own viewer) as a download."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from tests.govcms.security.files import pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name, content, inline",
    [
        ("说明.txt", "办公用房维修说明\n".encode(), False),
        ("名单.csv", "单位,面积\n省财政厅,1200\n".encode(), False),
        ("通知.pdf", pdf_bytes(), True),
    ],
)
def test_documents_are_served_as_files_not_pages(client, name, content, inline):
    document = Document.objects.create(title=name, file=ContentFile(content, name=name))
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert not response["Content-Type"].startswith("text/html")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("inline" if inline else "attachment"), disposition
    assert response["Content-Security-Policy"] == "default-src 'none'"  # Wagtail's own, kept: nothing runs


def test_server_error_pages_keep_the_security_headers_when_the_database_is_down(tmp_path):
    """A real PostgreSQL address where nothing listens: the page cache is the first to touch the database, above
    the session middleware; its 500 still carries the CSP, frame and permissions headers."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    script = (
        "import json, django; django.setup()\n"
        "from django.test import Client\n"
        "r = Client(raise_request_exception=False).get('/', HTTP_HOST='www.example.gov.cn', secure=True)\n"
        "print(json.dumps([r.status_code, dict(r.headers)]))\n"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(root),
        "DJANGO_SETTINGS_MODULE": "govcms.settings.production",
        "DATABASE_URL": "postgres://nobody:nothing@127.0.0.1:9/none",
        "SECRET_KEY": "k" * 60,
        "ALLOWED_HOSTS": "www.example.gov.cn",
        "CACHE_DIR": str(tmp_path / "cache"),
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    out = subprocess.run([sys.executable, "-c", script], cwd=root, env=env, capture_output=True, text=True, timeout=120)
    status, headers = json.loads(out.stdout.strip().splitlines()[-1])
    assert status == 500
    for header in ("Content-Security-Policy", "X-Frame-Options", "Permissions-Policy", "X-Content-Type-Options"):
        assert header in headers, (header, headers)
