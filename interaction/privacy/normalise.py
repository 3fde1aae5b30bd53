"""Folding text for matching personal data: full-width forms and Chinese digits become ASCII, one character for one,
so that a match in the folded text stands at the same offsets in the original."""

from __future__ import annotations

# Chinese digits as people write phone and ID numbers (幺 and 洞 for 1 and 0 when read aloud, 〇 and 零 for 0).
CHINESE_DIGITS = {"〇": "0", "零": "0", "洞": "0", "一": "1", "幺": "1", "二": "2", "两": "2", "三": "3", "四": "4"}
CHINESE_DIGITS |= {"五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
# Capital (financial) digits, as on cheques and sometimes in numbers written to defeat filters.
CHINESE_DIGITS |= {"壹": "1", "贰": "2", "叁": "3", "肆": "4", "伍": "5", "陆": "6", "柒": "7", "捌": "8", "玖": "9"}

_TABLE = {0x3000: " ", 0x00A0: " ", 0x2014: "-", 0x2013: "-", 0x2012: "-", 0x2212: "-", 0x30FC: "-", 0x00B7: "·"}
_TABLE |= {code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}  # full-width ASCII: ０-９, Ａ-Ｚ, ＠, －, （ …
_TABLE |= {ord(k): v for k, v in CHINESE_DIGITS.items()}

# Chinese digits count only inside a run of digits (一三七…); alone they are words (一个, 三月, 两人) and stay.
_RUN = 4


def fold(text: str) -> str:
    """`text` with full-width characters as ASCII and runs of Chinese digits as ASCII digits; same length."""
    folded = list(text.translate(_TABLE))
    i = 0
    while i < len(text):
        if not _digit_like(folded[i]):
            i += 1
            continue
        j, count = i, 0
        while j < len(text) and (
            _digit_like(folded[j]) or (folded[j] in " -" and j + 1 < len(text) and _digit_like(folded[j + 1]))
        ):
            count += _digit_like(folded[j])
            j += 1
        if count < _RUN:  # a short run: Chinese digits there are words, not a number
            for k in range(i, j):
                if text[k] in CHINESE_DIGITS:
                    folded[k] = text[k]
        i = j
    return "".join(folded)


def _digit_like(char: str) -> bool:
    return "0" <= char <= "9"


def digits(text: str) -> str:
    """Only the digits of `text` (folded first): how phone numbers are compared."""
    return "".join(c for c in fold(text) if _digit_like(c))
