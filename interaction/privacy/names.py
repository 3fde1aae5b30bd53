"""Person names in letters: the writer's name in the forms letters use (full, surname with a title, given name, with
spaces, in pinyin), and third parties' names found by jieba's person tag and the words around them."""

from __future__ import annotations

import re
from collections.abc import Iterable

import jieba
import jieba.posseg
from pypinyin import lazy_pinyin

# Compound surnames first: 欧阳娜娜's surname is 欧阳, not 欧.
COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 司空 夏侯 令狐 端木 轩辕 独孤 南宫 西门 "
    "百里 呼延 万俟 申屠 澹台 太史 闻人 钟离 宗政 濮阳 淳于 单于 赫连 公羊 拓跋 第五".split()
)
# The common single surnames. Characters that are mostly function words (向, 于, 和, 全, 各 …) are left out: "向老师
# 反映" is not a name, and the rare 向 surname is still caught when the form names the writer.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余杜叶程魏苏吕丁任卢姚沈钟姜崔谭"
    "陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔汤常易乔赖文施洪辛柯庄"
    "牛俞聂章鲁葛伍申殷骆邢翟滕祝倪欧温毕甘康阎彭岳季蓝卓焦蔺齐雍晏鄢凌冉麦单裴盛柴樊包尚舒谷苗童涂霍佟蒲阮丘"
    "褚邬应傅颜郎粟贝谈仇钮左鲍丛荣仲耿鞠景"
)
# Titles that follow a surname and address one person: 张先生, 欧阳女士, 李师傅, 王大爷.
TITLES = (
    "先生 女士 小姐 老师 师傅 同志 阿姨 大爷 大妈 大娘 大姐 大哥 大叔 大伯 老伯 奶奶 爷爷 叔叔 伯伯 婆婆 "
    "老太 老人 医生 护士 经理 律师 会计 教授 工 总 姐 哥 某某"
).split()
# Public offices: a name next to one of these is an official in a public role, and stays.
OFFICIAL_TITLES = (
    "局长 副局长 厅长 副厅长 主任 副主任 处长 副处长 科长 副科长 书记 副书记 市长 副市长 区长 副区长 县长 副县长 "
    "部长 副部长 省长 副省长 镇长 乡长 党组书记 新闻发言人 发言人 秘书长 副秘书长 主席 副主席 委员 组长 司长 署长"
).split()
# Words before a name that say a person is named: 我叫王小明, 邻居王小明, 司机李建国.
CONTEXT_BEFORE = (
    "我叫 我是 本人 名叫 叫做 叫 姓名 名字 签名 联系人 邻居 司机 师傅 工作人员 保安 物业 经理 老板 店主 房东 租户 "
    "业主 同事 朋友 丈夫 妻子 老公 老婆 爱人 儿子 女儿 父亲 母亲 爸爸 妈妈 孩子 家属 亲属 村民 居民 患者 学生 "
    "员工 职工 人员 老人 代表 负责人 收件人 来信人 申请人 举报人 投诉人 当事人 被举报人 驾驶员 快递员 外卖员 "
    "护士长 护士 医生 教师 会计 出纳 店长 厨师 保洁员 网格员 辅警 协警 民警 交警 城管 队员 技术员 维修工 电工"
).split()
# Context words that say outright what follows is a name: 我叫杜鹃 (杜鹃 is a word too).
NAMING_WORDS = ("叫", "姓名", "名字", "签名", "来信人", "联系人")
# Words after a name that say it is a person: 王小明说, 李建国告诉我.
CONTEXT_AFTER = "说 称 讲 表示 告诉 打 骂 曾 同志 本人 一家 家里 夫妇 夫妻".split()
# Characters that never end a name (王小明的, 李建国说): a candidate's third character among them is cut off.
NOT_IN_NAME = frozenset("的了在说是和与把被给对也都就又等这那从向到于我你他她们称讲告打骂曾一家及或但却还已很太吗呢吧啊")
# A name followed by one of these is the name of a body, a place or a thing (王府井, 张家界, 李宁公司).
NOT_AFTER_NAME = frozenset("局厅委办院所校司社会站队部省市区县镇乡村路街道桥家界府庄湾山河湖")

_HAN = "\u4e00-\u9fff"
# A word this frequent in jieba's dictionary is a word, not a name (names there have counts below ten or so).
COMMON_WORD = 100

jieba.setLogLevel(60)


def _frequency(word: str) -> int:
    """How often jieba's dictionary counts `word` (0 for none); the dictionary loads on first use."""
    jieba.dt.check_initialized()
    return jieba.dt.FREQ.get(word) or 0


def split_name(name: str) -> tuple[str, str]:
    """A Chinese name as (surname, given name): compound surnames of two characters first."""
    name = re.sub(r"\s+", "", name)
    if len(name) >= 3 and name[:2] in COMPOUND_SURNAMES:
        return name[:2], name[2:]
    return name[:1], name[1:]


def writer_names(field: str) -> list[str]:
    """The names a form's name field holds. The field sometimes carries more than the name ("测试编辑陈来信",
    "陈来信（退休职工）"): each part, and a part's last two or three characters when they begin with a surname."""
    found: list[str] = []
    for part in re.split(r"[\s,，、/;；()（）【】\[\]:：]+", field or ""):
        part = part.strip()
        if not part:
            continue
        found.append(part)
        if re.fullmatch(f"[{_HAN}]{{5,}}", part):
            for size in (4, 3, 2):
                tail = part[-size:]
                if tail[:2] in COMPOUND_SURNAMES and size >= 3 or tail[0] in SURNAMES:
                    found.append(tail)
                    break
    spaced = re.sub(r"\s+", "", field or "")
    if spaced and spaced not in found and re.fullmatch(f"[{_HAN}]{{2,4}}", spaced):
        found.append(spaced)  # "陈 来信": typed with a space
    return list(dict.fromkeys(found))


def name_variants(name: str) -> list[str]:
    """The writer's name, and how letters address a person by it: 张先生, 欧阳女士, 老张, 小张, the given name alone
    when it is not a common word (伟 or 来信 alone are words, 小明 is a name)."""
    name = re.sub(r"\s+", "", name or "")
    if len(name) < 2:
        return [name] if name else []
    variants = [name]
    if not re.fullmatch(f"[{_HAN}]{{2,5}}", name):
        return variants
    surname, given = split_name(name)
    variants += [surname + title for title in TITLES] + ["老" + surname, "小" + surname]
    if len(given) >= 2 and _frequency(given) < COMMON_WORD // 2:
        variants.append(given)
    return variants


def name_pattern(name: str) -> re.Pattern[str] | None:
    """The writer's full name with spaces between characters allowed (陈 来 信), or in pinyin in either order
    (Chen Laixin, chenlaixin, Laixin CHEN)."""
    name = re.sub(r"\s+", "", name or "")
    if not re.fullmatch(f"[{_HAN}]{{2,5}}", name):
        return None
    spaced = r"[ \u3000]*".join(map(re.escape, name))
    surname, given = split_name(name)
    sep = r"[ \-\u3000]*"
    family = sep.join(lazy_pinyin(surname))
    first = sep.join(lazy_pinyin(given))
    pinyin = rf"(?<![A-Za-z])(?:{family}{sep}{first}|{first}{sep}{family})(?![A-Za-z])"
    return re.compile(f"{spaced}|{pinyin}", re.IGNORECASE)


def _is_surname_start(text: str, at: int) -> int:
    """The length of the surname starting at `at` (2 for 欧阳, 1 for 王), or 0."""
    if text[at : at + 2] in COMPOUND_SURNAMES:
        return 2
    return 1 if at < len(text) and text[at] in SURNAMES else 0


def _official(text: str, start: int, end: int) -> bool:
    """A name right after or before a public office (局长李明, 李明局长): an official in a public role."""
    before = text[max(0, start - 5) : start]
    after = text[end : end + 5]
    return any(before.endswith(t) for t in OFFICIAL_TITLES) or any(after.startswith(t) for t in OFFICIAL_TITLES)


def _name_length(text: str, at: int, surname: int) -> int:
    """How long the name beginning at `at` is: surname and one or two given-name characters."""
    given, space = 0, 0
    if text[at + surname : at + surname + 1] in (" ", "\u3000"):
        space = 1  # 何 平: typed with a space
    while given < 2 and at + surname + space + given < len(text):
        char = text[at + surname + space + given]
        if (
            not re.match(f"[{_HAN}]", char)
            or char in NOT_IN_NAME
            or (given == 1 and _word_starts(text, at + surname + space + 1))
        ):
            break
        given += 1
    return surname + space + given if given else 0


def _word_starts(text: str, at: int) -> bool:
    """A common word begins here (李建国说 → 国说 is no word; 王明经常 → 经常 is): the name ends before it."""
    return any(at + size <= len(text) and _frequency(text[at : at + size]) >= 300 for size in (2, 3))


def third_party_names(text: str) -> list[tuple[int, int]]:
    """Where other people's names stand: jieba's person names (nr) with a surname, and surname-led names after a
    context word (邻居王小明) or before one (王小明说), or followed by a title (欧阳女士). Officials in their public
    role are left out."""
    spans: list[tuple[int, int]] = []
    at = 0
    for word, flag in jieba.posseg.cut(text):
        start, end = at, at + len(word)
        at = end
        if flag.startswith("nr") and 2 <= len(word) <= 4 and _is_surname_start(text, start):
            if word[-1] in NOT_AFTER_NAME or (end < len(text) and text[end] in NOT_AFTER_NAME):
                continue
            before = text[max(0, start - 6) : start]
            after = text[end : end + 3]
            titled = any(after.startswith(t) for t in TITLES)
            context = any(before.endswith(w) for w in CONTEXT_BEFORE) or any(after.startswith(w) for w in CONTEXT_AFTER)
            if _frequency(word[:2]) >= COMMON_WORD * 5 and not any(w in before for w in NAMING_WORDS):
                continue  # 江西人: a common word first (江西), unless the letter says a name follows (我叫)
            # Alone, a three-character name must be rare as a word: 黄金周 and 许可证 are tagged nr too.
            alone = len(word) >= 3 and _frequency(word) < COMMON_WORD
            if (alone or titled or context) and not _official(text, start, end):
                spans.append((start, end + (len(next(t for t in TITLES if after.startswith(t))) if titled else 0)))
    for pattern in (_CONTEXT_RE, _TITLED_RE):
        for match in pattern.finditer(text):
            start = match.start("name")
            surname = _is_surname_start(text, start)
            if not surname:
                continue
            if pattern is _TITLED_RE:
                if start and _frequency(text[start - 1 : start + 1]) >= 100:
                    continue  # 语文老师: the "surname" ends a word
                end = match.end()
            else:
                length = _name_length(text, start, surname)
                if not length:
                    continue
                end = start + length
                if end < len(text) and text[end] in NOT_AFTER_NAME:
                    continue
                naming = any(word in match.group() for word in NAMING_WORDS)
                if not naming and _frequency(text[start : start + 2]) >= COMMON_WORD * 5:
                    continue  # 我是江西人, 邻居周边: a word, not a name, unless the letter says it is one (我叫杜鹃)
            if not _official(text, start, start + (end - start)):
                spans.append((start, end))
    return spans + familiar_names(text)


_CONTEXT_ALT = "|".join(sorted(map(re.escape, CONTEXT_BEFORE), key=len, reverse=True))
_CONTEXT_RE = re.compile(f"(?:{_CONTEXT_ALT})[是为叫:：\\s]*(?P<name>[{_HAN}])")
_SURNAME_ALT = "|".join(sorted(COMPOUND_SURNAMES)) + "|[" + "".join(sorted(SURNAMES)) + "]"
_TITLED_RE = re.compile(f"(?P<name>{_SURNAME_ALT})(?:" + "|".join(t for t in TITLES if len(t) >= 2) + ")")


# 工作人员小刘, 快递员老张: 小 or 老 with a surname after a context word.
_FAMILIAR_RE = re.compile(
    f"(?:{_CONTEXT_ALT})[是为叫:：\\s]*(?P<name>[小老](?:{_SURNAME_ALT}))(?![{_HAN}]{{0,1}}(?:长|主任|书记))"
)


# 我叫Zhang Wei, my name is Wang Fang: a name in Latin letters after a word that says a name follows.
_LATIN_RE = re.compile(
    r"(?:我叫|名叫|叫做|姓名|名字是|签名|[Mm]y name is|[Tt]his is|I am|I'm)[:：\s]*"
    r"(?P<name>[A-Z][a-z]{0,5}(?:[ \-]?[A-Z][a-z]{0,5}){1,2})(?![A-Za-z])"
)


def familiar_names(text: str) -> list[tuple[int, int]]:
    """小刘, 老张 after a word that names a person (工作人员小刘), and names in Latin letters after 我叫."""
    return [match.span("name") for pattern in (_FAMILIAR_RE, _LATIN_RE) for match in pattern.finditer(text)]


def writer_spans(text: str, names: Iterable[str]) -> list[tuple[int, int]]:
    """Where the writer's names stand in `text`, in every variant and spelling."""
    spans = []
    for field in names:
        for name in writer_names(field):
            for value in sorted(name_variants(name), key=len, reverse=True):
                spans += [(m.start(), m.end()) for m in re.finditer(re.escape(value), text)]
            pattern = name_pattern(name)
            if pattern is not None:
                spans += [(m.start(), m.end()) for m in pattern.finditer(text)]
    return spans
