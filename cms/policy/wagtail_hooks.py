"""The annual report's table 二 from the policies: 规章 and 行政规范性文件 made, repealed and in force."""

from django.db.models import Q
from wagtail import hooks

from cms.disclosure.report_generator import HOOK, document_figures, genre_kinds
from cms.policy.models import PolicyPage

KIND_OF_LEVEL = {"rules": PolicyPage.Level.REGULATION, "normative": PolicyPage.Level.NORMATIVE}


@hooks.register(HOOK)
def annual_report_document_figures(year: int) -> dict:
    """A policy counts by its kind (政府规章, 规范性文件); any other catalogue item by its genre (Settings → 年度报告)."""
    by_genre = genre_kinds()
    kinds = {
        kind: Q(policypage__policy_level=level) | (Q(policypage__isnull=True) & by_genre[kind])
        for kind, level in KIND_OF_LEVEL.items()
    }
    return document_figures(year, kinds)
