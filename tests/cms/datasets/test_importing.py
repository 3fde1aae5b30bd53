"""Importing releases: good CSV (UTF-8, GB18030) and XLSX files are published whole; a file with any error is refused
whole with row, column and reason, and leaves no row behind; a zip bomb disguised as XLSX costs nothing."""

from __future__ import annotations

import datetime
import io
import zipfile

import openpyxl
import pytest

from cms.datasets.importing import prepare_release
from cms.datasets.models import Release, Row
from tests.cms.datasets.support import GOOD_CSV, make_dataset, release

pytestmark = pytest.mark.django_db


@pytest.fixture
def dataset(site_tree):
    return make_dataset(site_tree.home)


def test_good_utf8_csv_is_published_with_typed_slots(dataset):
    rel, outcome = release(dataset)
    assert outcome.ok and rel.status == Release.Status.PUBLISHED and rel.row_count == 4
    row = Row.objects.get(release=rel, n=1)
    assert row.values == ["省财政厅", 2023, "机关", 120345.5, "2024-01-15"]
    assert row.t0 == "省财政厅" and row.n0 == 2023 and row.n1 == 120345.5 and str(row.d0) == "2024-01-15"
    assert dataset.current_release() == rel


def test_gb18030_csv_with_chinese_headers(dataset):
    text = GOOD_CSV.replace("unit,year,kind,total_kgce,reported", "单位,年度,类型,综合能耗,填报日期")
    rel, outcome = release(dataset, text.encode("gb18030"))
    assert outcome.ok, outcome.errors
    assert Row.objects.filter(release=rel, t0="省教育厅").exists()


def test_xlsx_is_read(dataset):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["unit", "year", "kind", "total_kgce", "reported"])
    sheet.append(["省财政厅", 2023, "机关", 120345.5, None])
    sheet.append(["省档案馆", 2024, "事业单位", 45000, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    rel, outcome = release(dataset, buffer.getvalue(), name="data.xlsx")
    assert outcome.ok, outcome.errors
    assert rel.row_count == 2


@pytest.mark.parametrize(
    "text, row, column, reason",
    [
        (GOOD_CSV.replace("120345.5", "十二万"), 2, "综合能耗", "十二万"),
        (GOOD_CSV.replace("2024-01-15", "2024/01/15"), 2, "填报日期", "2024/01/15"),
        (GOOD_CSV.replace("省教育厅,", ",", 1), 4, "单位", ""),
        (GOOD_CSV.replace("2023,机关,98000.25", "2023.5,机关,98000.25"), 4, "年度", "2023.5"),
        (GOOD_CSV.replace("事业单位", "企业"), 5, "类型", "企业"),
    ],
    ids=["bad-number", "date-form", "empty-required", "bad-integer", "bad-code"],
)
def test_a_bad_cell_refuses_the_whole_file(dataset, text, row, column, reason):
    rel, outcome = release(dataset, text)
    assert not outcome.ok and rel.status == Release.Status.FAILED
    assert rel.error_count == 1
    error = rel.errors[0]
    assert (error["row"], error["column"]) == (row, column)
    assert reason in error["reason"]
    assert not Row.objects.filter(release=rel).exists()
    assert dataset.current_release() is None


def test_missing_column_is_named(dataset):
    text = "\n".join(",".join(line.split(",")[:3] + line.split(",")[4:]) for line in GOOD_CSV.splitlines())
    rel, outcome = release(dataset, text)
    assert not outcome.ok
    assert rel.errors[0]["row"] == 1 and "total_kgce" in rel.errors[0]["reason"]


def test_wrong_encoding_is_refused(dataset):
    rel, outcome = release(dataset, GOOD_CSV.encode("utf-16"))
    assert not outcome.ok
    assert "UTF-8" in rel.errors[0]["reason"] or "GB18030" in rel.errors[0]["reason"]


def test_many_errors_keep_the_first_hundred_and_the_count(dataset):
    lines = ["unit,year,kind,total_kgce,reported"] + [f"单位{i},二〇二四,机关,1," for i in range(250)]
    rel, outcome = release(dataset, "\n".join(lines))
    assert rel.error_count == 250 and len(rel.errors) == 100
    assert not Row.objects.filter(release=rel).exists()


def test_a_good_row_after_a_bad_one_is_not_kept(dataset):
    lines = ["unit,year,kind,total_kgce,reported", "甲,x,机关,1,"] + [f"单位{i},2024,机关,1," for i in range(5000)]
    rel, outcome = release(dataset, "\n".join(lines))
    assert not outcome.ok and rel.error_count == 1
    assert Row.objects.count() == 0


def _bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (200 << 20))
    return buffer.getvalue()


def test_zip_bomb_disguised_as_xlsx_is_refused_before_opening(dataset):
    data = _bomb()
    assert len(data) < 1 << 20
    rel, outcome = release(dataset, data, name="data.xlsx")
    assert not outcome.ok
    assert "zip bomb" in rel.errors[0]["reason"] or "炸弹" in rel.errors[0]["reason"]


def test_the_same_key_twice_changes_nothing(dataset):
    first, _ = release(dataset)
    again, created = prepare_release(dataset, "2024", datetime.date(2026, 1, 1), "again")
    assert not created and again.pk == first.pk
    assert again.status == Release.Status.PUBLISHED and again.row_count == 4 and again.note == "年度数据"
