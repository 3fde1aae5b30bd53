"""Datasets for the tests: a 数据开放 section under the test site's home page and an energy dataset with a schema
of every column type, published through a revision as an editor would."""

from __future__ import annotations

import datetime
import io

from cms.datasets.importing import import_release, prepare_release
from cms.datasets.models import Access, DatasetChart, DatasetColumn, DatasetIndexPage, DatasetPage
from tests.factories import publish

COLUMNS = [
    ("unit", "单位", "text", "", True, ""),
    ("year", "年度", "integer", "年", True, ""),
    ("kind", "类型", "code", "", True, "机关\n事业单位"),
    ("total_kgce", "综合能耗", "decimal", "kgce", True, ""),
    ("reported", "填报日期", "date", "", False, ""),
]
GOOD_CSV = (
    "unit,year,kind,total_kgce,reported\n"
    "省财政厅,2023,机关,120345.5,2024-01-15\n"
    "省财政厅,2024,机关,118000,2025-01-10\n"
    "省教育厅,2023,机关,98000.25,\n"
    "省档案馆,2024,事业单位,45000,2025-01-12\n"
)


def index_page(home) -> DatasetIndexPage:
    existing = DatasetIndexPage.objects.child_of(home).first()
    return existing or publish(home, DatasetIndexPage(title="数据开放", slug="sjkf", show_in_menus=True))


def make_dataset(home, slug="energy", title="公共机构能源消耗", access=Access.OPEN, units=(), systems=()) -> DatasetPage:
    page = DatasetPage(
        title=title,
        slug=slug,
        summary="省直公共机构能源消耗统计",
        description="全省公共机构能耗统计信息系统报送的年度能耗数据。",
        access=access,
        temporal_coverage="2023—2024",
        spatial_coverage="湖南省",
        keywords="能耗,节能",
    )
    for i, (name, label, kind, unit, required, codes) in enumerate(COLUMNS):
        page.columns.add(
            DatasetColumn(sort_order=i, name=name, label=label, type=kind, unit=unit, required=required, codes=codes)
        )
    page.charts.add(DatasetChart(sort_order=0, title="各单位综合能耗", kind="bar", x_column="unit", y_column="total_kgce"))
    page.charts.add(DatasetChart(sort_order=1, title="历年综合能耗", kind="line", x_column="year", y_column="total_kgce"))
    page.granted_units.set(list(units))
    page.granted_systems.set(list(systems))
    return publish(index_page(home), page)


def release(page, text: str | bytes = GOOD_CSV, key="2024", name="data.csv", date=datetime.date(2025, 3, 1)):
    release, _created = prepare_release(page, key, date, "年度数据")
    data = text.encode("utf-8") if isinstance(text, str) else text
    outcome = import_release(release, io.BytesIO(data), name)
    release.refresh_from_db()
    return release, outcome
