"""The admin's upload (checked at once, or queued with progress for large files), the queued import by the periodic
command, and the import command's output and exit on a refused file."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from cms.datasets.models import Release
from tests.cms.datasets.support import GOOD_CSV, make_dataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def dataset(site_tree, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    return make_dataset(site_tree.home)


def post(client, dataset, content: bytes, key="2024", name="data.csv"):
    return client.post(
        "/admin/datasets/upload/",
        {
            "dataset": dataset.pk,
            "key": key,
            "release_date": "2025-03-01",
            "note": "年度",
            "file": SimpleUploadedFile(name, content),
        },
    )


def test_bad_file_shows_every_error_and_publishes_nothing(admin_client, dataset):
    bad = GOOD_CSV.replace("120345.5", "十二万").replace("2025-01-12", "2025年1月12日")
    response = post(admin_client, dataset, bad.encode())
    assert response.status_code == 200
    html = response.content.decode()
    assert "十二万" in html and "2025年1月12日" in html and "综合能耗" in html
    assert dataset.current_release() is None


def test_good_file_is_published(admin_client, dataset):
    response = post(admin_client, dataset, GOOD_CSV.encode())
    assert response.status_code == 302
    assert dataset.current_release().row_count == 4
    assert "2024" in admin_client.get("/admin/datasets/releases/").content.decode()


def test_large_file_is_queued_with_progress_then_imported(admin_client, dataset, settings):
    settings.DATASET_INLINE_IMPORT_BYTES = 10
    response = post(admin_client, dataset, GOOD_CSV.encode())
    release = Release.objects.get(dataset=dataset, key="2024")
    assert response.status_code == 302 and response.url.endswith(f"/admin/datasets/releases/{release.pk}/")
    assert release.status == Release.Status.QUEUED
    assert admin_client.get(f"/admin/datasets/releases/{release.pk}/progress/").json()["status"] == "queued"
    assert 'http-equiv="refresh"' in admin_client.get(response.url).content.decode()
    call_command("import_dataset", "--queued", stdout=io.StringIO(), stderr=io.StringIO())
    release.refresh_from_db()
    assert release.status == Release.Status.PUBLISHED and release.row_count == 4 and not release.source_file
    assert admin_client.get(f"/admin/datasets/releases/{release.pk}/progress/").json()["progress"] == 100


def test_command_imports_and_refuses_with_a_readable_line(dataset, tmp_path):
    good = tmp_path / "good.csv"
    good.write_bytes(GOOD_CSV.encode("gb18030"))
    out, err = io.StringIO(), io.StringIO()
    call_command("import_dataset", "energy", str(good), key="2024", date="2025-03-01", stdout=out, stderr=err)
    assert "4 rows published" in out.getvalue()
    assert "check" in err.getvalue() and "rows" in err.getvalue()  # one line per stage when not a terminal
    bad = tmp_path / "bad.csv"
    bad.write_text(GOOD_CSV.replace("2023,机关", "二三,机关"), encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match="refused: 2 error"):
        call_command("import_dataset", "energy", str(bad), key="2025", stdout=io.StringIO(), stderr=err)
    assert "row 2, 年度" in err.getvalue()


def test_unit_people_cannot_reach_the_admin_views(client, dataset):
    from django.contrib.auth.models import User

    client.force_login(User.objects.create_user("unitperson", password="x-12345678"))
    assert client.get("/admin/datasets/releases/").status_code in (302, 403)
