"""Question and filler words (怎么, 什么时候, 请问, 吗 …): dropped from a query's words so that they never make it fail.

They are matched against jieba's precise-mode tokens of the query; a query made of nothing else keeps them.
"""

from __future__ import annotations

QUESTION_WORDS = frozenset(
    """
    怎么 怎样 怎么样 怎么办 如何 为何 为什么 什么 什么样 啥 哪 哪里 哪儿 哪些 哪个 哪家 在哪 在哪里 去哪 去哪里
    多久 多长 多长时间 多少 多少钱 多少度 几 几个 几天 几时 何时 何地 什么时候 时候 是否 能否 可否 可以 能不能
    能 会 要 需要 应该 该 是不是 有没有 有无 吗 呢 吧 啊 呀 么 嘛 请问 请教 咨询一下 想问 想知道 我想 我要
    请 帮忙 麻烦 一下 谢谢 您好 你好 您 你 我 我们 他们 怎么 关于 的 了 和 与 及 或 或者 是 在 有 对 把 被 给
    从 到 向 就 都 也 还 又 这 那 这个 那个 这些 那些 个 之 其 为 以 等 能够 一般 开 办 做 去 找 看 查 查询 查找
    搜索 what how when where which who why is are the a an of to for in on do does can i me my please
    """.split()
)


def is_filler(token: str) -> bool:
    return token.lower() in QUESTION_WORDS
