"""The categories the Regulations and the national annual-report template use, as data.

The outcome wording is that of table 三 (收到和处理政府信息公开申请情况, 本年度办理结果) of the 《中华人民共和国政府信息公开
工作年度报告格式》 (国办公开办函〔2021〕30号); the applicant columns are the same table's. The labels are the official
Chinese terms and are deliberately not translated: the annual report must use them word for word.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OutcomeGroup:
    key: str
    number: str  # the row number in table 三, e.g. "（三）"
    label: str
    outcomes: tuple[tuple[str, str], ...]  # (key, label); empty when the group is itself the outcome


OUTCOME_GROUPS: tuple[OutcomeGroup, ...] = (
    OutcomeGroup("disclosed", "（一）", "予以公开", ()),
    OutcomeGroup("partly_disclosed", "（二）", "部分公开", ()),
    OutcomeGroup(
        "not_disclosed",
        "（三）",
        "不予公开",
        (
            ("secret", "属于国家秘密"),
            ("prohibited_by_law", "其他法律行政法规禁止公开"),
            ("security_stability", "危及“三安全一稳定”"),
            ("third_party", "保护第三方合法权益"),
            ("internal_affairs", "属于三类内部事务信息"),
            ("process_information", "属于四类过程性信息"),
            ("enforcement_files", "属于行政执法案卷"),
            ("administrative_query", "属于行政查询事项"),
        ),
    ),
    OutcomeGroup(
        "cannot_provide",
        "（四）",
        "无法提供",
        (
            ("not_held", "本机关不掌握相关政府信息"),
            ("needs_making", "没有现成信息需要另行制作"),
            ("unclear_after_correction", "补正后申请内容仍不明确"),
        ),
    ),
    OutcomeGroup(
        "not_processed",
        "（五）",
        "不予处理",
        (
            ("petition", "信访举报投诉类申请"),
            ("repeated", "重复申请"),
            ("publication", "要求提供公开出版物"),
            ("unreasonable_bulk", "无正当理由大量反复申请"),
            ("confirmation", "要求行政机关确认或重新出具已获取信息"),
        ),
    ),
    OutcomeGroup(
        "other",
        "（六）",
        "其他处理",
        (
            ("no_correction", "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
            ("fee_unpaid", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
            ("other", "其他"),
        ),
    ),
)


def outcome_choices() -> list:
    """Django choices: the two single outcomes, then one optgroup per group with its sub-outcomes."""
    choices: list = []
    for group in OUTCOME_GROUPS:
        if group.outcomes:
            choices.append((group.label, [(f"{group.key}.{key}", label) for key, label in group.outcomes]))
        else:
            choices.append((group.key, group.label))
    return choices


def outcome_group(outcome: str) -> OutcomeGroup | None:
    key = (outcome or "").split(".", 1)[0]
    return next((g for g in OUTCOME_GROUPS if g.key == key), None)


def outcome_label(outcome: str) -> str:
    """The full label, "不予公开 — 属于国家秘密" for a sub-outcome."""
    group = outcome_group(outcome)
    if group is None:
        return ""
    if not group.outcomes:
        return group.label
    sub = dict(group.outcomes).get(outcome.split(".", 1)[1], "")
    return f"{group.label} — {sub}"


# The applicant columns of table 三: natural persons, then five kinds of legal person or other organisation.
APPLICANT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("person", "自然人"),
    ("business", "商业企业"),
    ("research", "科研机构"),
    ("public_interest", "社会公益组织"),
    ("legal_service", "法律服务机构"),
    ("other", "其他"),
)
ORGANISATION_KINDS = APPLICANT_COLUMNS[1:]
