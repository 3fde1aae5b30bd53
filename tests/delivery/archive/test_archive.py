"""The web archive read back with warcio: a publication is queued and archived with the HTML and the files it shows
(stylesheet, images, attachment), every published version is kept (unchanged files as revisit records), a deleted page
stays in the archive, the year's download is one valid .warc.gz for staff only, and --all archives every live page."""

import gzip
import json
from io import BytesIO

import pytest
from django.contrib.auth.models import Permission, User
from django.core.management import call_command
from warcio.archiveiterator import ArchiveIterator

from delivery.archive.models import Capture, Pending
from tests.factories import publish  # noqa: F401  (the site tree is built with it)


@pytest.fixture
def archive_site(site_tree, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    Pending.objects.all().delete()  # the site tree's own publications
    return site_tree


def records(data: bytes) -> list:
    out = []
    for record in ArchiveIterator(BytesIO(data)):
        body = record.content_stream().read()
        out.append((record.rec_type, record.rec_headers.get_header("WARC-Target-URI"), record, body))
    return out


def read(capture: Capture) -> list:
    with capture.warc.open("rb") as f:
        return records(f.read())


def test_a_publication_is_archived_with_the_files_it_shows(archive_site):
    policy = archive_site.policy
    policy.save_revision().publish()
    assert Pending.objects.filter(page_id=policy.pk).count() == 1
    call_command("archive_pages", "--no-progress", stdout=None)
    assert not Pending.objects.exists()
    capture = Capture.objects.get(page_id=policy.pk)
    policy.refresh_from_db()
    assert capture.url == policy.full_url and capture.revision_id == policy.live_revision_id
    recs = read(capture)
    kinds = [(t, uri) for t, uri, _r, _b in recs]
    assert kinds[0] == ("response", policy.full_url) and kinds[1] == ("metadata", policy.full_url)
    html = recs[0][3].decode()
    assert policy.title in html and recs[0][2].http_headers.get_statuscode() == "200"
    metadata = json.loads(recs[1][3])
    assert metadata["page_id"] == policy.pk and metadata["index_number"] == policy.index_number
    files = {uri: (t, r, b) for t, uri, r, b in recs[2:]}
    css = next(uri for uri in files if uri.endswith("/static/themes/css/site.css"))
    assert files[css][0] == "response" and b"font" in files[css][2]
    document = policy.attachments.first().document
    pdf = next(uri for uri in files if f"/documents/{document.pk}/" in uri)
    assert files[pdf][2] == document.file.open("rb").read()
    assert capture.resources == len(recs) - 2


def test_every_version_is_kept_and_unchanged_files_are_revisits(archive_site, admin_client):
    page = archive_site.conference
    page.title = "公务用车制度改革新闻发布会（第一版）"
    page.save_revision().publish()
    page.title = "公务用车制度改革新闻发布会（第二版）"
    page.save_revision().publish()
    call_command("archive_pages", "--no-progress", stdout=None)
    first, second = Capture.objects.filter(page_id=page.pk).order_by("captured_at", "pk")
    assert "第一版" in first.title and "第二版" in second.title
    one, two = read(first), read(second)
    assert "第一版" in one[0][3].decode() and "第二版" in two[0][3].decode()
    photo_one = [r for t, uri, r, b in one if t == "response" and "/media/images/" in uri]
    photo_two = [r for t, uri, r, b in two if t == "revisit" and "/media/images/" in uri]
    assert photo_one and photo_two  # the press photo: in full once, then referred to
    assert photo_two[0].rec_headers.get_header("WARC-Payload-Digest") == photo_one[0].rec_headers.get_header(
        "WARC-Payload-Digest"
    )

    # the page is deleted: both versions stay, and the year's download holds them, readable by warcio
    page_id = page.pk
    page.delete()
    year = first.year
    response = admin_client.get(f"/admin/webarchive/{year}.warc.gz")
    assert response.status_code == 200 and response["Content-Type"] == "application/warc"
    data = b"".join(response.streaming_content)
    gzip.decompress(data)  # one valid gzip stream of members
    recs = records(data)
    assert recs[0][0] == "warcinfo"
    pages = [b.decode() for t, uri, r, b in recs if t == "response" and uri.endswith(f"/{page.slug}/")]
    assert any("第一版" in p for p in pages) and any("第二版" in p for p in pages)
    assert Capture.objects.filter(page_id=page_id).count() == 2
    index = admin_client.get("/admin/webarchive/").content.decode()
    assert f"webarchive-{year}.warc.gz" in index and "第二版" in index


def test_the_archive_is_for_staff_allowed_to_download_it(archive_site, client):
    archive_site.news.save_revision().publish()
    call_command("archive_pages", "--no-progress", stdout=None)
    year = Capture.objects.get().year
    editor = User.objects.create_user("editor", password="pw", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get(f"/admin/webarchive/{year}.warc.gz").status_code in (302, 403)
    assert client.get("/admin/webarchive/").status_code in (302, 403)
    editor.user_permissions.add(Permission.objects.get(codename="download_archive"))
    editor = User.objects.get(pk=editor.pk)
    client.force_login(editor)
    assert client.get(f"/admin/webarchive/{year}.warc.gz").status_code == 200
    assert client.get(f"/admin/webarchive/{year + 1}.warc.gz").status_code == 404


def test_all_archives_every_live_page_and_an_expired_page_stays(archive_site):
    out = __import__("io").StringIO()
    call_command("archive_pages", "--all", "--no-progress", stdout=out)
    live = {p.pk for p in archive_site.home.get_descendants(inclusive=True).live()}
    archived = set(Capture.objects.values_list("page_id", flat=True))
    assert live <= archived, live - archived
    assert "0 failed" in out.getvalue()
    item = archive_site.items[0]
    item.unpublish()
    assert Capture.objects.filter(page_id=item.pk).exists()
    call_command("archive_pages", "--no-progress", stdout=out)  # nothing queued: nothing changes
    assert Capture.objects.filter(page_id=item.pk).count() == 1


def test_site_administrators_may_download_the_archive(db):
    from django.contrib.auth.models import Group

    call_command("setup_roles", stdout=__import__("io").StringIO())
    perms = set(Group.objects.get(name="网站管理员").permissions.values_list("codename", flat=True))
    assert {"download_archive", "view_capture"} <= perms
    assert "download_archive" not in set(Group.objects.get(name="编辑").permissions.values_list("codename", flat=True))
