"""分类展现: what each page type is for a reader (政策文件, 政策解读, 办事服务, 互动交流, 新闻动态, 数据), and how much
weight it carries when ranking (the rules themselves above notices that mention them).

Both are plain mappings from the page type (app_label.model): a new page type is put in a kind, and given its
weight, by adding one line to KIND_OF_TYPE (and AUTHORITY); types in no kind are counted under 其他.
"""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

# Kinds in the order their tabs are shown: slug → label.
KINDS = {
    "zcwj": pgettext_lazy("kind of search result", "Policy documents"),  # 政策文件
    "zcjd": pgettext_lazy("kind of search result", "Policy interpretations"),  # 政策解读
    "bsfw": pgettext_lazy("kind of search result", "Services"),  # 办事服务
    "hdjl": pgettext_lazy("kind of search result", "Interaction"),  # 互动交流
    "xwdt": pgettext_lazy("kind of search result", "News"),  # 新闻动态
    "sj": pgettext_lazy("kind of search result", "Data"),  # 数据
    "qt": pgettext_lazy("kind of search result", "Other"),  # 其他: columns, listings, fixed pages
}
OTHER = "qt"

KIND_OF_TYPE = {
    "policy.policypage": "zcwj",
    "disclosure.disclosureitempage": "zcwj",
    "disclosure.disclosurerulespage": "zcwj",
    "disclosure.disclosureguidepage": "zcwj",
    "disclosure.annualreportpage": "zcwj",
    "policy.interpretationpage": "zcjd",
    "press.pressconferencepage": "zcjd",
    "letters.mailboxpage": "hdjl",
    "letters.publishedletterpage": "hdjl",
    "disclosure_requests.disclosurerequestpage": "hdjl",
    "news.newspage": "xwdt",
    "columns.columnarticlepage": "xwdt",
    "interaction.interactionstatisticspage": "sj",
    "datasets.datasetpage": "sj",
    "datasets.datasetindexpage": "sj",
    "services.serviceguidepage": "bsfw",
    "services.serviceindexpage": "bsfw",
}

# How authoritative a page of each type is for ranking: the rules, policies, guides and service pages themselves
# above the notices, news and interpretations that mention them. Types not named weigh DEFAULT_AUTHORITY.
AUTHORITY = {
    "policy.policypage": 1.5,
    "disclosure.disclosurerulespage": 1.5,
    "disclosure.disclosureguidepage": 1.5,
    "services.serviceguidepage": 1.5,
    "datasets.datasetpage": 1.2,
    "disclosure.annualreportpage": 1.0,
    "disclosure.disclosureitempage": 0.7,
    "disclosure_requests.disclosurerequestpage": 1.2,
    "letters.mailboxpage": 1.0,
    "columns.specialcolumnpage": 1.0,
    "disclosure.categorypage": 0.8,
    "core.standardpage": 0.8,
    "policy.interpretationpage": 0.6,
    "press.pressconferencepage": 0.4,
    "letters.publishedletterpage": 0.5,
    "interaction.interactionstatisticspage": 0.5,
    "news.newspage": 0.0,
    "columns.columnarticlepage": 0.0,
}
DEFAULT_AUTHORITY = 0.3


def kind_of(page_type: str) -> str:
    return KIND_OF_TYPE.get(page_type, OTHER)


def types_of(kind: str) -> list[str]:
    """The page types of a kind (for 其他: none can be listed, so it is not a filter)."""
    return sorted(t for t, k in KIND_OF_TYPE.items() if k == kind)


def authority(page_type: str) -> float:
    return AUTHORITY.get(page_type, DEFAULT_AUTHORITY)


def counts(type_counts: dict[str, int]) -> dict[str, int]:
    """Results per kind, from the engine's counts per page type."""
    out = dict.fromkeys(KINDS, 0)
    for page_type, n in type_counts.items():
        out[kind_of(page_type)] += n
    return out
