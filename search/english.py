"""English words of the site's interface and common terms, and the Chinese terms the site's pages use for them.

A query written in English (`annual report`, `disclosure`, `contact`) is suggested, and searched, in Chinese.
Phrases are matched longest first, so `annual report` wins over `report`.
"""

from __future__ import annotations

import re

TERMS = {
    "annual report": "年度报告",
    "annual reports": "年度报告",
    "report": "报告",
    "disclosure": "信息公开",
    "information disclosure": "政府信息公开",
    "government information": "政府信息公开",
    "open government": "政务公开",
    "government affairs": "政务公开",
    "disclosure guide": "政府信息公开指南",
    "guide": "指南",
    "guidelines": "指南",
    "disclosure request": "依申请公开",
    "disclosure on request": "依申请公开",
    "request": "申请",
    "apply": "申请",
    "application": "申请",
    "catalogue": "目录",
    "catalog": "目录",
    "index number": "索引号",
    "contact": "联系我们",
    "contact us": "联系我们",
    "contacts": "联系我们",
    "address": "联系我们",
    "phone": "联系我们",
    "telephone": "联系我们",
    "mailbox": "信箱",
    "director's mailbox": "局长信箱",
    "director mailbox": "局长信箱",
    "letter": "信箱",
    "letters": "信箱",
    "consultation": "咨询建议",
    "complaint": "咨询建议",
    "feedback": "咨询建议",
    "interaction": "政民互动",
    "budget": "部门预算",
    "budgets": "部门预算",
    "final accounts": "部门决算",
    "three public expenses": "三公经费",
    "press conference": "新闻发布会",
    "press conferences": "新闻发布会",
    "press release": "新闻发布会",
    "news": "新闻",
    "notice": "通知公告",
    "notices": "通知公告",
    "announcement": "公告",
    "policy": "政策文件",
    "policies": "政策文件",
    "policy document": "政策文件",
    "policy documents": "政策文件",
    "interpretation": "政策解读",
    "policy interpretation": "政策解读",
    "regulation": "条例",
    "regulations": "条例",
    "rules": "规定",
    "measures": "管理办法",
    "plan": "规划",
    "five-year plan": "五年规划",
    "service": "办事服务",
    "services": "办事服务",
    "online service": "网上办事",
    "official car": "公务用车",
    "official cars": "公务用车",
    "official vehicle": "公务用车",
    "official vehicles": "公务用车",
    "car reform": "公务用车制度改革",
    "office space": "办公用房",
    "office building": "办公用房",
    "office buildings": "办公用房",
    "repair": "维修",
    "maintenance": "维修",
    "energy saving": "节能",
    "energy conservation": "节能",
    "energy": "能源",
    "garbage sorting": "垃圾分类",
    "waste sorting": "垃圾分类",
    "recycling": "垃圾分类",
    "recruitment": "招聘",
    "jobs": "招聘",
    "personnel": "人事信息",
    "organization": "机构概况",
    "organisation": "机构概况",
    "about": "机构概况",
    "about us": "机构概况",
    "leaders": "领导信息",
    "leadership": "领导信息",
    "responsibilities": "主要职责",
    "functions": "主要职责",
    "departments": "内设机构",
    "statistics": "统计",
    "data": "数据",
    "assets": "国有资产",
    "state assets": "国有资产",
    "procurement": "政府采购",
    "canteen": "机关食堂",
    "reception": "公务接待",
    "official reception": "公务接待",
    "safety": "安全生产",
    "work safety": "安全生产",
    "logistics": "后勤服务",
    "emergency": "应急管理",
    "proposals": "建议提案",
    "special column": "专题专栏",
    "search": "搜索",
}
_WORD = re.compile(r"[a-z][a-z'\-]*")
_STOP = {"the", "a", "an", "of", "for", "on", "in", "to", "and", "how", "what", "where", "when", "is", "are", "do", "i"}
_LONGEST = max(len(k.split()) for k in TERMS)


def translate(text: str) -> str | None:
    """The Chinese for an English query when each of its words is part of a known term (else None)."""
    words = _WORD.findall(text.lower())
    if not words or not text.isascii():
        return None
    out, i = [], 0
    while i < len(words):
        for size in range(min(_LONGEST, len(words) - i), 0, -1):
            chinese = TERMS.get(" ".join(words[i : i + size]))
            if chinese:
                if chinese not in out:
                    out.append(chinese)
                i += size
                break
        else:
            if words[i] not in _STOP:
                return None
            i += 1
    return " ".join(out) or None
