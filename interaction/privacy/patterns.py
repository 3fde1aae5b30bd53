"""Patterns for the personal data that has a shape: identity and bank card numbers, phone numbers, QQ and WeChat
IDs, e-mail, home addresses, licence plates, dates of birth, and a work unit with a position. They run over folded
text (see normalise.py), so full-width and Chinese digits match as ASCII."""

from __future__ import annotations

import re
from collections.abc import Iterator

_HAN = "\u4e00-\u9fff"
# A run of digits as people write a number: single spaces, dashes or dots between groups (139 1234 5678, 3201 0219…).
DIGIT_RUN = re.compile(r"(?<![0-9A-Za-z])(?:\+\s?|\(0\d{2,3}\)\s?)?\d(?:[ \-.]?\d)*(?:[ ]?[Xx](?![A-Za-z]))?(?![0-9])")
# After a number, what makes it a quantity, a year or a part of a name rather than a phone number.
UNIT_AFTER = re.compile(r"\s?(?:[年月日元万亿次人个份件套平米吨辆台户项条篇所家名%‰字页届期天岁]|号文)")
CONTACT_WORDS = re.compile(r"(?:电话|手机|座机|固话|联系方式|号码|致电|拨打|打|tel|Tel|TEL|传真)(?:号码|号)?[是为:：\s]*$")


def _plausible_date(yyyymmdd: str) -> bool:
    year, month, day = int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8])
    return 1900 <= year <= 2099 and 1 <= month <= 12 and 1 <= day <= 31


def numbers(folded: str) -> Iterator[tuple[str, int, int]]:
    """Identity cards, bank cards, mobile and landline numbers among the digit runs of `folded`."""
    for match in DIGIT_RUN.finditer(folded):
        start, end = match.span()
        raw = match.group()
        run = re.sub(r"[^0-9Xx]", "", raw)
        digits = run.rstrip("Xx")
        has_x = run != digits
        groups = re.split(r"[ \-.]", raw.lstrip("+ ("))
        if len(groups) == 3 and len(groups[0]) == 4 and _looks_like_date(groups):
            continue  # 2024-03-05, 2024.3.5
        if "." in raw and len(groups) == 2:
            continue  # 1234.56: an amount
        if len(run) == 18 or (len(digits) == 17 and has_x):
            yield ("id_card" if _plausible_date(run[6:14]) else "bank_card"), start, end
        elif len(digits) == 15 and not has_x:
            yield ("id_card" if _plausible_date("19" + run[6:12]) else "bank_card"), start, end
        elif 16 <= len(digits) <= 19 and not has_x:
            yield "bank_card", start, end
        elif has_x:
            continue
        elif re.fullmatch(r"(?:0{0,2}86)?1[3-9]\d{9}", digits):
            yield "mobile", start, end
        elif re.fullmatch(r"0[1-9]\d{8,10}", digits):
            yield "landline", start, end
        elif re.fullmatch(r"[2-9]\d{6,7}", digits) and not UNIT_AFTER.match(folded, end):
            if raw.startswith("+") or folded[max(0, start - 1) : start] in ("〔", "[", "/", "第", "№"):
                continue
            yield "landline", start, end
        elif 5 <= len(digits) <= 14 and CONTACT_WORDS.search(folded[max(0, start - 12) : start]):
            if not UNIT_AFTER.match(folded, end) and not re.fullmatch(r"1\d{2}|12\d{3}|9\d{4}", digits):
                yield "phone", start, end  # a number given as a phone number, whatever its shape


def _looks_like_date(groups: list[str]) -> bool:
    try:
        return 1900 <= int(groups[0]) <= 2099 and 1 <= int(groups[1]) <= 12 and 1 <= int(groups[2]) <= 31
    except ValueError:
        return False


_SEP = r"\s*(?:号码|号|账号|帐号|ID|id)?\s*(?:是|为|:|：)?\s*"
ACCOUNTS = [
    ("qq", re.compile(r"(?:QQ|qq|Qq|扣扣|企鹅号)" + _SEP + r"(?P<v>[1-9]\d{4,11})(?!\d)")),
    (
        "wechat",
        re.compile(
            r"(?:微信|威信|薇信|[vVwW][xX]|[vV]信|weixin|WeChat|wechat)(?!公众号|群|支付|小程序)"
            + _SEP
            + r"(?P<v>[A-Za-z][\-_A-Za-z0-9]{5,19}|1[3-9]\d{9}|\d{5,11})(?![\-_A-Za-z0-9])"
        ),
    ),
]
EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")
# A licence plate: province, letter, then five characters (six for new-energy plates), with a dot or space allowed.
PLATE = re.compile(
    r"(?<![A-Za-z0-9])[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领][A-Za-z]"
    r"(?=(?:[·•\s]?[A-Za-z0-9]){0,5}\d)(?:[·•\s]?[A-HJ-NP-Za-hj-np-z0-9]){4,5}[·•\s]?[A-HJ-NP-Za-hj-np-z0-9挂学警港澳]"
    r"(?![A-Za-z0-9])"
)
_NUM = r"[0-9A-Za-z\-]+"
# The parts of a home address that point to one door: building, unit, floor, room; a village group.
_DOOR = rf"(?:{_NUM}\s?(?:号楼|栋|幢|座|单元|层|楼|室|户|组|号院|号))"
ADDRESS = [
    # after 住在 / 家住 / 地址: up to the end of the clause, when it holds a number or a door.
    re.compile(
        rf"(?:家住|住在|住址|居住在|居住于|住于|家庭住址|现住|地址|我家在)[是为:：\s]*(?P<v>[^，。；;,\n！？!?]{{2,40}}?"
        rf"(?:{_DOOR}|{_NUM}\s?号|[{_HAN}]+(?:小区|村|花园|公寓|家园|新村|大院)))(?=[^0-9A-Za-z号栋幢座单元层楼室户组]|$)"
    ),
    # a road or estate with a house number and doors: 北京东路41号3单元502室, 阳光小区5栋2单元301
    re.compile(
        rf"(?P<v>(?:[{_HAN}]{{2,7}}(?:省|自治区|市|州|区|县|旗|镇|乡|街道))*[{_HAN}A-Za-z0-9]{{1,12}}"
        rf"(?:路|街|道|巷|胡同|弄|里|大道|小区|村|花园|公寓|家园|苑|新村|大院|社区)(?:[一二三四五六七八九十0-9]{{1,3}}段)?"
        rf"(?:{_NUM}\s?(?:号|弄)\s?{_DOOR}*|{_DOOR}+)(?:{_NUM}(?=[，。；;,\s]|$))?)"
    ),
    # doors alone: 3栋2单元502室, 5号楼301室
    re.compile(
        rf"(?P<v>{_NUM}\s?(?:号楼|栋|幢)\s?(?:(?:{_NUM}\s?(?:单元|层|楼|室|号)\s?)+(?:{_NUM}(?=[，。；;,\s]|$))?"
        rf"|{_NUM}(?=[，。；;,\s]|$)))"
    ),
    re.compile(rf"(?P<v>{_NUM}\s?单元\s?(?:{_NUM}\s?(?:层|楼|室|号)?)?)"),
    re.compile(r"(?<![0-9A-Za-z])(?P<v>\d{3,4}\s?(?:室|房))"),
]
# Words an address match may swallow at its start (我家住阳光小区…): not part of the address.
LEAD_WORDS = re.compile(r"(?:我家住在|我家住|我家在|家住在|家住|我住在|我住|住在|居住在|现住|位于|在)")
_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DAY = r"(?:3[01]|[12]\d|0?[1-9]|[一二]?十[一二三四五六七八九]?|三十一?|[一二三四五六七八九])"
_DATE = rf"(?:(?:19|20)\d{{2}}\s?年\s?{_MONTH}\s?月(?:\s?{_DAY}\s?[日号])?|(?:19|20)\d{{2}}[\-./]{_MONTH}(?:[\-./]{_DAY})?)"
BIRTH = [
    re.compile(
        rf"(?:出生于|出生在|出生日期|出生年月|生于|生日是?|出生时间)[是为:：\s]*(?P<v>(?:农历|阴历|公历|阳历)?"
        rf"(?:{_DATE}|{_MONTH}\s?月\s?{_DAY}(?:\s?[日号]|(?=[，,。；;、\s]|$))))"
    ),
    re.compile(rf"(?P<v>{_DATE})(?:出生|生人|出世|生日|生(?=[，,。；;、\s)）]|$))"),
    re.compile(r"(?<!\d)(?P<v>(?:19|20)?\d{2}\s?年)(?:出生|生人|出世)"),  # 1965年出生: the year alone
]
_UNIT = (
    r"(?:公司|集团|局|厅|委员会|委|办公室|办|中心|厂|学校|小学|中学|大学|学院|医院|卫生院|银行|支行|分行|所|站|队|店|"
    r"酒店|社区|街道|村委会|居委会|单位)"
)
_POSITION = (
    r"(?:护士长|经理|副经理|总经理|会计|出纳|主任|副主任|科长|副科长|处长|股长|组长|队长|班长|职工|员工|工人|司机|驾驶员|保安|"
    r"保洁员|厨师|医生|护士|教师|老师|校长|副校长|院长|站长|所长|店长|文员|干部|科员|辅警|协警|网格员)"
)
# 我是XX公司的会计, 本人在XX局任科长, 原系XX厂的职工: the writer's work unit and position, which together name one
# person.
WORK = re.compile(
    rf"(?:(?:我|本人)(?:原|现|曾)?(?:是|系|在|任)|(?:原|现|曾)(?:系|任|在))(?P<v>[{_HAN}A-Za-z0-9（）()]{{2,24}}?{_UNIT}"
    rf"(?:的|工作|上班|任|担任|当)?[{_HAN}]{{0,8}}?{_POSITION})"
)


def patterned(folded: str) -> Iterator[tuple[str, int, int]]:
    """Every shaped piece of personal data in `folded`, kind first, most specific kinds first."""
    for kind, pattern in ACCOUNTS:
        for match in pattern.finditer(folded):
            yield kind, *match.span("v")
    for match in EMAIL.finditer(folded):
        yield "email", *match.span()
    for match in PLATE.finditer(folded):
        yield "plate", *match.span()
    for pattern in BIRTH:
        for match in pattern.finditer(folded):
            yield "birth_date", *match.span("v")
    for match in WORK.finditer(folded):
        yield "work_unit", *match.span("v")
    yield from numbers(folded)
    for pattern in ADDRESS:
        for match in pattern.finditer(folded):
            start, end = match.span("v")
            lead = LEAD_WORDS.match(folded, start, end)
            start = lead.end() if lead else start
            # 我家的门牌号是芙蓉中路…: the words before the last 是/的/在 … ahead of the first number are not the address.
            number = re.search(r"\d", folded[start:end])
            head = folded[start : start + number.start()] if number else ""
            cut = max(head.rfind(char) for char in "是的在住为于到:：")
            if cut >= 0 and len(head) - cut > 3:
                start += cut + 1
            yield "address", start, end


def address_pieces(address: str) -> list[str]:
    """An address and its shorter forms as letters write them: without the province, the city, the district
    (长沙市芙蓉区韶山北路1号, 芙蓉区韶山北路1号, 韶山北路1号), each piece holding a number."""
    pieces = [address] + [address[m.end() :] for m in re.finditer(r"(?:省|自治区|市|区|县|镇|乡|街道)", address)]
    return [piece for piece in pieces if len(piece) >= 4 and (piece == address or re.search(r"\d", piece))]
