"""The national format of the annual disclosure report (《中华人民共和国政府信息公开工作年度报告格式》, 国办公开办函〔2021〕30号):
its figures as keys, their totals, the template's own consistency check, and the tables as rows of header and data cells.

The Chinese labels are the format's own words and are deliberately not translated: the report must use them verbatim.
A report's figures are a flat dict {key: value}; every key is listed in FIGURE_KEYS, values are whole numbers except
the fees, which are 万元 with up to four decimals (kept as a string so that no rounding creeps in).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

# -- table 二: 主动公开政府信息情况 -------------------------------------------------------------------------
DOCUMENT_KINDS = (("rules", "规章"), ("normative", "行政规范性文件"))
DOCUMENT_COLUMNS = (("made", "本年制发件数"), ("repealed", "本年废止件数"), ("in_force", "现行有效件数"))
DECISION_KINDS = (("licensing", "行政许可"), ("penalty", "行政处罚"), ("coercion", "行政强制"))
FEES_KEY = "fees"

# -- table 三: 收到和处理政府信息公开申请情况 ---------------------------------------------------------------
# The applicant columns (the disclosure requests store these keys): natural persons, then five kinds of legal person or
# other organisation.
APPLICANTS = (
    ("person", "自然人"),
    ("business", "商业企业"),
    ("research", "科研机构"),
    ("public_interest", "社会公益组织"),
    ("legal_service", "法律服务机构"),
    ("other", "其他"),
)


@dataclass(frozen=True)
class OutcomeGroup:
    """A row group of 三、本年度办理结果. The one definition of the outcomes: the annual report's table and the disclosure
    requests' outcomes (their stored values, choices and reply letters) both read it."""

    key: str
    number: str  # the row number in table 三, e.g. "（三）"
    name: str  # the outcome as an applicant reads it, e.g. "部分公开"
    outcomes: tuple[tuple[str, str], ...] = ()  # (key, label); empty when the group is itself the outcome
    note: str = ""  # the format's counting rule printed after the name, e.g. "区分处理的，只计这一情形，不计其他情形"

    @property
    def label(self) -> str:
        """The row's label in the format's exact words, its counting rule included."""
        return f"{self.name}（{self.note}）" if self.note else self.name

    @property
    def keys(self) -> tuple[str, ...]:
        """The outcomes as stored: the group's own key, or "group.sub" for each of its sub-outcomes."""
        return tuple(f"{self.key}.{key}" for key, _label in self.outcomes) or (self.key,)


OUTCOME_GROUPS: tuple[OutcomeGroup, ...] = (
    OutcomeGroup("disclosed", "（一）", "予以公开"),
    OutcomeGroup("partly_disclosed", "（二）", "部分公开", note="区分处理的，只计这一情形，不计其他情形"),
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
# Every outcome row, as the disclosure requests store it: "disclosed", "not_disclosed.secret" …
OUTCOMES = tuple(outcome for group in OUTCOME_GROUPS for outcome in group.keys)


def outcome_group(outcome: str) -> OutcomeGroup | None:
    key = (outcome or "").split(".", 1)[0]
    return next((g for g in OUTCOME_GROUPS if g.key == key), None)


def outcome_label(outcome: str, *, row: bool = False) -> str:
    """An outcome's name, "不予公开 — 属于国家秘密" for a sub-outcome; with row=True the group's label as the format's row
    prints it (its counting rule included)."""
    group = outcome_group(outcome)
    if group is None:
        return ""
    label = group.label if row else group.name
    if not group.outcomes:
        return label
    sub = dict(group.outcomes).get(outcome.split(".", 1)[1] if "." in outcome else "", "")
    return f"{label} — {sub}"


# -- table 四: 政府信息公开行政复议、行政诉讼情况 -------------------------------------------------------------
REVIEW_RESULTS = (("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"), ("pending", "尚未审结"))
REVIEW_PROCEEDINGS = (
    ("review", "行政复议"),
    ("litigation_direct", "未经复议直接起诉"),
    ("litigation_after_review", "复议后起诉"),
)


def document_key(kind: str, column: str) -> str:
    return f"documents/{kind}/{column}"


def decision_key(kind: str) -> str:
    return f"decisions/{kind}"


def request_key(row: str, applicant: str) -> str:
    """row: "received", "carried_over", "carried_forward" or an outcome ("disclosed", "not_disclosed.secret" …)."""
    return f"requests/{row}/{applicant}"


def review_key(proceeding: str, result: str) -> str:
    return f"review/{proceeding}/{result}"


REQUEST_ROWS = ("received", "carried_over", *OUTCOMES, "carried_forward")
FIGURE_KEYS: tuple[str, ...] = (
    *(document_key(k, c) for k, _l in DOCUMENT_KINDS for c, _h in DOCUMENT_COLUMNS),
    *(decision_key(k) for k, _l in DECISION_KINDS),
    FEES_KEY,
    *(request_key(r, a) for r in REQUEST_ROWS for a, _l in APPLICANTS),
    *(review_key(p, r) for p, _l in REVIEW_PROCEEDINGS for r, _h in REVIEW_RESULTS),
)


def figure_label(key: str) -> str:
    """The cell's name in the format's words, e.g. "不予公开 — 属于国家秘密：自然人"."""
    parts = key.split("/")
    if key == FEES_KEY:
        return "行政事业性收费：本年收费金额（单位：万元）"
    if parts[0] == "documents":
        return f"{dict(DOCUMENT_KINDS)[parts[1]]}：{dict(DOCUMENT_COLUMNS)[parts[2]]}"
    if parts[0] == "decisions":
        return f"{dict(DECISION_KINDS)[parts[1]]}：本年处理决定数量"
    if parts[0] == "review":
        return f"{dict(REVIEW_PROCEEDINGS)[parts[1]]}：{dict(REVIEW_RESULTS)[parts[2]]}"
    rows = {
        "received": "本年新收政府信息公开申请数量",
        "carried_over": "上年结转政府信息公开申请数量",
        "carried_forward": "结转下年度继续办理",
    }
    row = rows.get(parts[1]) or outcome_label(parts[1], row=True)
    return f"{row}：{dict(APPLICANTS)[parts[2]]}"


# -- reading figures --------------------------------------------------------------------------------------


def parse_fee(value) -> Decimal:
    """A fee in 万元: a non-negative number with at most four decimals; ValueError otherwise."""
    try:
        amount = Decimal(str(value).strip() or "0")
    except InvalidOperation:
        raise ValueError(_("not a number")) from None
    if not amount.is_finite() or amount < 0 or amount.as_tuple().exponent < -4:
        raise ValueError(_("a non-negative amount with at most four decimals"))
    return amount


def parse_count(value) -> int:
    """A count: a whole number of 0 or more; ValueError otherwise."""
    text = str(value).strip()
    if text == "":
        return 0
    if not text.isdigit():
        raise ValueError(_("a whole number of 0 or more"))
    return int(text)


def format_fee(amount: Decimal) -> str:
    text = format(amount.normalize(), "f") if amount else "0"
    return text


@dataclass
class Figures:
    """A report's figures with the totals the format derives from them."""

    values: dict = field(default_factory=dict)

    def count(self, key: str) -> int:
        try:
            return parse_count(self.values.get(key, 0))
        except ValueError:
            return 0

    @property
    def fees(self) -> Decimal:
        try:
            return parse_fee(self.values.get(FEES_KEY, "0"))
        except ValueError:
            return Decimal(0)

    def request_total(self, row: str) -> int:
        return sum(self.count(request_key(row, a)) for a, _l in APPLICANTS)

    def handled(self, applicant: str) -> int:
        """（七）总计 of one applicant column."""
        return sum(self.count(request_key(o, applicant)) for o in OUTCOMES)

    def review_total(self, proceeding: str) -> int:
        return sum(self.count(review_key(proceeding, r)) for r, _l in REVIEW_RESULTS)

    def problems(self) -> list[str]:
        """Why these figures cannot be published: a value that is not a figure, or a column of table 三 where
        received + carried over ≠ handled + carried forward (the format's own 勾稽关系)."""
        problems = []
        for key in FIGURE_KEYS:
            raw = self.values.get(key, 0)
            try:
                parse_fee(raw) if key == FEES_KEY else parse_count(raw)
            except ValueError as exc:
                problems.append(_("The figure “%(key)s” is not valid: %(reason)s.") % {"key": figure_label(key), "reason": exc})
        for applicant, label in (*APPLICANTS, ("total", "总计")):
            columns = [a for a, _l in APPLICANTS] if applicant == "total" else [applicant]
            received = sum(self.count(request_key("received", a)) for a in columns)
            carried_over = sum(self.count(request_key("carried_over", a)) for a in columns)
            handled = sum(self.handled(a) for a in columns)
            forward = sum(self.count(request_key("carried_forward", a)) for a in columns)
            if received + carried_over != handled + forward:
                problems.append(
                    _(
                        "Table 三 does not add up in the column “%(column)s”: received %(received)s + carried over "
                        "%(over)s = %(left)s, but handled %(handled)s + carried forward %(forward)s = %(right)s."
                    )
                    % {
                        "column": label,
                        "received": received,
                        "over": carried_over,
                        "left": received + carried_over,
                        "handled": handled,
                        "forward": forward,
                        "right": handled + forward,
                    }
                )
        return problems

    def tables(self) -> list[Table]:
        return build_tables(self)


# -- the tables --------------------------------------------------------------------------------------------


@dataclass
class Cell:
    text: str = ""
    header: bool = False
    scope: str = ""  # "col", "row", "colgroup", "rowgroup" for header cells
    colspan: int = 1
    rowspan: int = 1
    key: str = ""  # the figure shown in this data cell (editable in the admin)
    value: str = ""  # the raw value for an input (the admin's form)
    derived: bool = False  # a total the format computes

    @property
    def label(self) -> str:
        return figure_label(self.key) if self.key else ""

    @property
    def is_fee(self) -> bool:
        return self.key == FEES_KEY


@dataclass
class Table:
    number: str
    caption: str
    head: list[list[Cell]]
    bodies: list[list[list[Cell]]]


def _th(text: str, scope: str, colspan: int = 1, rowspan: int = 1) -> Cell:
    return Cell(text=text, header=True, scope=scope, colspan=colspan, rowspan=rowspan)


def _td(figures: Figures, key: str, colspan: int = 1) -> Cell:
    if key == FEES_KEY:
        text = format_fee(figures.fees)
    else:
        text = str(figures.count(key))
    return Cell(text=text, key=key, value=str(figures.values.get(key, text)), colspan=colspan)


def _total(number: int | str) -> Cell:
    return Cell(text=str(number), derived=True)


def build_tables(figures: Figures) -> list[Table]:
    # 二 —— in four parts, each naming the article of the Regulations it answers, as the format does.
    doc_head = [_th("信息内容", "col"), *(_th(h, "col") for _k, h in DOCUMENT_COLUMNS)]
    proactive = [
        [[_th("第二十条第（一）项", "colgroup", colspan=4)], doc_head]
        + [[_th(label, "row"), *(_td(figures, document_key(k, c)) for c, _h in DOCUMENT_COLUMNS)] for k, label in DOCUMENT_KINDS],
        [
            [_th("第二十条第（五）项", "colgroup", colspan=4)],
            [_th("信息内容", "col"), _th("本年处理决定数量", "col", colspan=3)],
            [_th("行政许可", "row"), _td(figures, decision_key("licensing"), colspan=3)],
        ],
        [
            [_th("第二十条第（六）项", "colgroup", colspan=4)],
            [_th("信息内容", "col"), _th("本年处理决定数量", "col", colspan=3)],
            [_th("行政处罚", "row"), _td(figures, decision_key("penalty"), colspan=3)],
            [_th("行政强制", "row"), _td(figures, decision_key("coercion"), colspan=3)],
        ],
        [
            [_th("第二十条第（八）项", "colgroup", colspan=4)],
            [_th("信息内容", "col"), _th("本年收费金额（单位：万元）", "col", colspan=3)],
            [_th("行政事业性收费", "row"), _td(figures, FEES_KEY, colspan=3)],
        ],
    ]
    tables = [Table("二", "主动公开政府信息情况", [], proactive)]

    # 三
    head = [
        [
            _th("申请人情况", "col", colspan=3, rowspan=2),
            _th("自然人", "col", rowspan=2),
            _th("法人或其他组织", "colgroup", colspan=5),
            _th("总计", "col", rowspan=2),
        ],
        [_th(label, "col") for _k, label in APPLICANTS[1:]],
    ]

    def data(row: str) -> list[Cell]:
        return [*(_td(figures, request_key(row, a)) for a, _l in APPLICANTS), _total(figures.request_total(row))]

    rows: list[list[Cell]] = [
        [_th("一、本年新收政府信息公开申请数量", "row", colspan=3), *data("received")],
        [_th("二、上年结转政府信息公开申请数量", "row", colspan=3), *data("carried_over")],
    ]
    outcome_rows = len(OUTCOMES) + 1
    first = True
    for group in OUTCOME_GROUPS:
        lead = [_th("三、本年度办理结果", "rowgroup", rowspan=outcome_rows)] if first else []
        first = False
        if not group.outcomes:
            rows.append([*lead, _th(group.number + group.label, "row", colspan=2), *data(group.key)])
            continue
        for i, (key, sub) in enumerate(group.outcomes, start=1):
            group_cell = [_th(group.number + group.label, "rowgroup", rowspan=len(group.outcomes))] if i == 1 else []
            rows.append([*(lead if i == 1 else []), *group_cell, _th(f"{i}.{sub}", "row"), *data(f"{group.key}.{key}")])
    handled = [figures.handled(a) for a, _l in APPLICANTS]
    rows.append([_th("（七）总计", "row", colspan=2), *(_total(n) for n in handled), _total(sum(handled))])
    rows.append([_th("四、结转下年度继续办理", "row", colspan=3), *data("carried_forward")])
    tables.append(Table("三", "收到和处理政府信息公开申请情况", head, [rows]))

    # 四
    results = [label for _k, label in REVIEW_RESULTS] + ["总计"]
    head = [
        [_th("行政复议", "colgroup", colspan=5), _th("行政诉讼", "colgroup", colspan=10)],
        [
            *(_th(label, "col", rowspan=2) for label in results),
            _th("未经复议直接起诉", "colgroup", colspan=5),
            _th("复议后起诉", "colgroup", colspan=5),
        ],
        [_th(label, "col") for label in results * 2],
    ]
    row = []
    for proceeding, _label in REVIEW_PROCEEDINGS:
        row += [_td(figures, review_key(proceeding, r)) for r, _h in REVIEW_RESULTS]
        row.append(_total(figures.review_total(proceeding)))
    tables.append(Table("四", "政府信息公开行政复议、行政诉讼情况", head, [[row]]))
    return tables


# -- the field that holds them, and its admin form ------------------------------------------------------------


def normalise(values: dict) -> tuple[dict, list[str]]:
    """Every figure key with a clean value (counts as int, the fee as a decimal string) and the list of errors."""
    clean: dict = {}
    errors = []
    for key in FIGURE_KEYS:
        raw = values.get(key, 0)
        try:
            clean[key] = format_fee(parse_fee(raw)) if key == FEES_KEY else parse_count(raw)
        except ValueError as exc:
            clean[key] = raw
            errors.append(_("“%(value)s” in %(key)s: %(reason)s.") % {"value": raw, "key": figure_label(key), "reason": exc})
    return clean, errors
