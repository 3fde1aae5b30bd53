"""backup_site then restore_site onto a flushed database gives the same site; bad archives change nothing."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import re
import tarfile
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

from cms.core.models import SiteIdentity
from govcms.storage import private_storage
from tests.factories import build_site, make_document, make_image

CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def media_digests(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


def snapshot(urls: list[str]) -> dict:
    client = Client()
    tree = [(p.path, p.title, p.live, p.revisions.count(), p.specific_class.__name__) for p in Page.objects.order_by("path")]
    html = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html[url] = CSRF_TOKEN.sub("", response.content.decode())  # a fresh token on every request
    groups = {g.name: sorted(g.permissions.values_list("content_type__app_label", "codename")) for g in Group.objects.all()}
    search = client.get("/api/search/", {"q": "公务用车"}).json()
    return {"tree": tree, "html": html, "groups": groups, "search": search}


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return tmp_path / "media"


@pytest.fixture
def populated(db, media_root):
    site = build_site()
    editors = Group.objects.create(name="编辑")
    editors.permissions.add(*Permission.objects.filter(codename__in=["add_image", "change_document", "add_redirect"]))
    user = User.objects.create_user("zhangsan", "zs@example.cn", "旧密码-Secret1", first_name="三")
    user.groups.add(editors)
    User.objects.create_superuser("admin", "admin@example.cn", "admin-Secret2")
    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    identity.organiser = "湖南省机关事务管理局"
    identity.icp_number = "湘ICP备12345678号"
    identity.save()
    Redirect.add_redirect("/old-page", site.home)
    image = make_image("楼宇照片")
    image.get_rendition("fill-20x20")
    make_document("年度报告", b"%PDF-1.4\n% annual report\n", "report.pdf")
    # a visitor's letter attachment, kept in the private storage (never under MEDIA_ROOT)
    private_storage.save("letters/2026/11/0a1b2c/来信附件.pdf", ContentFile(b"%PDF-1.4\n% a visitor's attachment\n"))
    call_command("search_rebuild", no_progress=True, stdout=io.StringIO())
    return site


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the flush must not lose migrate's own rows
def test_restore_onto_flushed_database_gives_same_site(populated, media_root, tmp_path):
    site = populated
    urls = ["/", site.items[0].url, site.policies.url, site.news_index.url]
    before = snapshot(urls)
    before_media = media_digests(media_root)
    assert len(before_media) >= 3  # image, its rendition, the document
    assert "湘ICP备12345678号" in before["html"]["/"]

    archive = tmp_path / "site.tar.gz"
    call_command("backup_site", output=str(archive), no_progress=True, stdout=io.StringIO())
    manifest = json.loads(tarfile.open(archive).extractfile("manifest.json").read())
    assert manifest["counts"]["wagtailcore.page"] == Page.objects.count()
    assert set(manifest["media"]) == set(before_media)
    private_root = media_root.parent / "private"
    before_private = media_digests(private_root)
    assert set(manifest["private"]) == set(before_private) == {"letters/2026/11/0a1b2c/来信附件.pdf"}

    call_command("flush", interactive=False, verbosity=0)
    for path in [*media_root.rglob("*"), *private_root.rglob("*")]:
        if path.is_file():
            path.unlink()
    assert not Page.objects.exists() and not User.objects.exists()

    call_command("restore_site", str(archive), no_progress=True, stdout=io.StringIO())

    after = snapshot(urls)
    assert after["tree"] == before["tree"]
    assert after["html"] == before["html"]
    assert after["groups"] == before["groups"] and before["groups"]["编辑"]
    assert after["search"] == before["search"] and before["search"]
    assert media_digests(media_root) == before_media
    assert media_digests(private_root) == before_private
    assert Redirect.objects.get(old_path="/old-page").redirect_page_id == site.home.pk
    client = Client()
    assert client.login(username="zhangsan", password="旧密码-Secret1")
    assert client.get("/old-page").status_code == 301


def corrupt_variants(archive: Path, tmp_path: Path) -> dict[str, Path]:
    data = archive.read_bytes()
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(data[: len(data) // 2])
    garbage = tmp_path / "garbage.tar.gz"
    garbage.write_bytes(b"not an archive at all")
    wrong = tmp_path / "wrong.tar.gz"
    raw = gzip.decompress(data)
    with tarfile.open(fileobj=io.BytesIO(raw)) as src, tarfile.open(wrong, "w:gz") as dst:
        for member in src:
            content = src.extractfile(member).read()
            if member.name == "manifest.json":
                manifest = json.loads(content)
                manifest["migrations"]["wagtailcore"] = manifest["migrations"]["wagtailcore"][:-1]
                content = json.dumps(manifest).encode()
                member.size = len(content)
            dst.addfile(member, io.BytesIO(content))
    return {"truncated": truncated, "garbage": garbage, "wrong version": wrong}


def test_bad_archives_are_refused_and_change_nothing(populated, tmp_path):
    archive = tmp_path / "site.tar.gz"
    call_command("backup_site", output=str(archive), no_progress=True, stdout=io.StringIO())
    Page.objects.filter(pk=populated.about.pk).update(title="改过的标题")
    pages = list(Page.objects.order_by("path").values_list("path", "title"))
    for label, path in corrupt_variants(archive, tmp_path).items():
        with pytest.raises(CommandError) as err:
            call_command("restore_site", str(path), force=True, no_progress=True, stdout=io.StringIO())
        assert "\n" not in str(err.value), label
        assert list(Page.objects.order_by("path").values_list("path", "title")) == pages, label
    with pytest.raises(CommandError, match="already holds content"):
        call_command("restore_site", str(archive), no_progress=True, stdout=io.StringIO())
    assert Page.objects.get(pk=populated.about.pk).title == "改过的标题"
