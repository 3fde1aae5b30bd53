"""Helpers for the security tests: the attack payloads and a parser that finds anything executable in HTML."""

from __future__ import annotations

from html.parser import HTMLParser

# Each payload is a way HTML could try to run script; the tests put them in every field that takes text.
XSS_PAYLOADS = [
    '<script>alert("xss1")</script>',
    '<img src=x onerror=alert("xss2")>',
    '<a href="javascript:alert(3)">xss3</a>',
    '<svg onload=alert(4)><circle r="1"/></svg>',
    '<iframe src="https://evil.example/"></iframe>',
    '<p style="background:url(javascript:alert(5))">xss5</p>',
    '<a href="&#106;avascript:alert(6)">xss6</a>',
    '<a href="jav&#x09;ascript:alert(7)">xss7</a>',
    '<math><mi xlink:href="javascript:alert(8)">xss8</mi></math>',
    '"><script>alert(9)</script>',
    "'><img src=x onerror=alert(10)>",
    "<details open ontoggle=alert(11)>xss11</details>",
    '<object data="javascript:alert(12)"></object>',
    '<embed src="javascript:alert(13)">',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">xss14</a>',
    '<form action="https://evil.example/"><button formaction="javascript:alert(15)">xss15</button></form>',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(16)">',
    '<style>body{background:url("javascript:alert(17)")}</style>',
    "<IMG SRC=JaVaScRiPt:alert(20)>",
    '<a href=" javascript:alert(21)">xss21</a>',
    '<a href="vbscript:msgbox(22)">xss22</a>',
]
# Filter-evasion input that is text, not markup: sanitising must not turn it into a working tag.
EVASION_PAYLOADS = [
    "<scr<script>ipt>alert(18)</scr</script>ipt>",
    "&lt;script&gt;alert(19)&lt;/script&gt;",
    "&amp;lt;img src=x onerror=alert(20)&amp;gt;",
]
ALL_XSS = XSS_PAYLOADS + EVASION_PAYLOADS

DANGEROUS_TAGS = {
    "script",
    "iframe",
    "object",
    "svg",
    "math",
    "base",
    "style",
    "form",
    "frame",
    "frameset",
    "applet",
    "meta",
    "link",
    "details",
    "button",
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:text", "data:application")


def _scheme(value: str) -> str:
    return "".join(ch for ch in (value or "") if ch > " " and ch != "\x7f").lower()


class _Finder(HTMLParser):
    def __init__(self, page: bool):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.problems: list[str] = []
        self.inside: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style"):
            self.inside = tag
        if tag in DANGEROUS_TAGS:
            allowed = self.page and (
                (tag == "script" and (attrs.get("src") or "").startswith("/static/"))
                or (tag == "link" and attrs.get("rel") in ("stylesheet", "icon", "alternate", "canonical"))
                or (tag == "meta" and "http-equiv" not in attrs)
                or (tag == "form" and not (attrs.get("action") or "").lower().startswith(("http", "//")))
                or tag == "button"
                or (tag in ("svg", "details") and not any(a.startswith("on") for a in attrs))
            )
            if not allowed:
                self.problems.append(f"<{tag} {attrs}>")
        for name, value in attrs.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag}> event handler {name}={value}")
            if name == "style" and not self.page:
                self.problems.append(f"<{tag}> style={value}")
            if name == "style" and self.page:
                self.problems.append(f"<{tag}> inline style (blocked by the CSP) {value}")
            if name in URL_ATTRIBUTES and _scheme(value).startswith(BAD_SCHEMES):
                self.problems.append(f"<{tag}> {name}={value}")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self.inside = None

    def handle_endtag(self, tag):
        if tag == self.inside:
            self.inside = None

    def handle_data(self, data):
        if self.inside and data.strip():
            self.problems.append(f"inline <{self.inside}>: {data[:80]}")


def executable_parts(html: str, *, page: bool = False) -> list[str]:
    """Everything in `html` that a browser could execute (or that the public CSP would block).

    `page=True` is for whole rendered pages: the theme's own external script, stylesheet and forms are allowed.
    """
    finder = _Finder(page)
    finder.feed(html)
    finder.close()
    return finder.problems
