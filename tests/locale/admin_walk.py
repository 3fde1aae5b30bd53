"""Walks the admin as one logged-in user would: from the dashboard and every menu item, following every admin link
(one page per kind of view: each view name, each page type, each snippet), and reads the text a person sees or
hears there (text, labels, titles, placeholders, button values, and the admin's own interface strings handed to
its JavaScript). Finds the English words in it."""

from __future__ import annotations

import json
import re
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

from django.urls import Resolver404, resolve
from lxml import html as lxml_html

# Words that are not English interface text: brand and product names, formats, protocols and codes.
ALLOWED = {
    "wagtail",
    "manage",  # manage.py, named with its command (manage.py check_links)
    "django",
    "rss",
    "atom",
    "api",
    "json",
    "csv",
    "xlsx",
    "pdf",
    "docx",
    "doc",
    "ofd",
    "wps",
    "txt",
    "zip",
    "mp4",
    "jpg",
    "jpeg",
    "png",
    "gif",
    "webp",
    "svg",
    "avif",
    "heic",
    "ico",
    "html",
    "http",
    "https",
    "url",
    "urls",
    "id",
    "ip",
    "seo",
    "cms",
    "govcms",
    "openapi",
    "weibo",
    "wechat",
    "mastodon",
    "webhook",
    "qq",
    "sha",
    "hmac",
    "utc",
    "gmt",
    "cst",
    "pm",
    "am",
    "alt",
    "qr",
    "kb",
    "mb",
    "gb",
    "px",
    "ctrl",
    "cmd",
    "shift",
    "enter",
    "esc",
    "tab",
    "markdown",
    "github",
    "email",
    "e-mail",
    "ems",
    "tsv",
    "english",  # the language's own name in the language menu
}
SKIP_URL = re.compile(
    r"/(logout|delete|unpublish|disable|enable|lock|unlock|revert|restore|export|download|cancel|approve|reject|"
    r"send|retry|copy|move|convert_alias|preview|serve|usage/|jsi18n|login)(/|\?|$)|/workflow/action/|/sendtestemail|"
    r"^/admin/bulk/"
)
WORD = re.compile(r"(?<![\w./@:#%&=-])([A-Za-z][A-Za-z'’]*[A-Za-z])(?![\w/@:%&=-])")
NOT_TEXT = re.compile(r"\S+@\S+|https?://\S+|(?<!\S)/[\w./?=&%-]*|\{\w+\}|%\(\w+\)s")
CODE = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")  # a slug or model name shown as data (gwyc, columns.columnarticlepage)
ATTRIBUTES = ("title", "aria-label", "aria-description", "placeholder", "alt", "data-w-tooltip-content-value")


def english_words(text: str) -> list[str]:
    text = NOT_TEXT.sub(" ", text)
    return [w for w in WORD.findall(text) if w.lower() not in ALLOWED]


def visible_strings(markup: str) -> list[str]:
    """What a person sees or hears on the page, one string per text node or attribute."""
    try:
        tree = lxml_html.fromstring(markup)
    except Exception:  # noqa: BLE001 - an empty or non-HTML answer has no text
        return []
    out: list[str] = []
    config = tree.xpath('//script[@id="wagtail-config"]')
    if config:
        strings = json.loads(config[0].text or "{}").get("STRINGS", {})
        out.extend(str(v) for v in strings.values() if isinstance(v, str))
    for props in tree.xpath('//script[@id="wagtail-sidebar-props"]'):
        out.extend(re.findall(r'"label": "([^"]*)"', props.text or ""))
    for bad in tree.xpath("//script|//style|//noscript|//iframe|//textarea"):
        bad.drop_tree()
    for hidden in tree.xpath("//*[@hidden]"):
        hidden.drop_tree()  # neither shown nor read (a counter with no count yet)
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for name in ATTRIBUTES:
            if element.get(name):
                out.append(element.get(name))
        if element.tag == "input" and element.get("type") in ("submit", "button") and element.get("value"):
            out.append(element.get("value"))
        if element.tag == "option" and (element.text or "").strip() == element.get("value"):
            continue  # a code offered as its own label (time zones)
        for piece in (element.text, element.tail):
            if piece and piece.strip() and not CODE.match(piece.strip()):
                out.append(piece.strip())
    return out


@dataclass
class Finding:
    url: str
    words: list[str]
    context: list[str]


@dataclass
class Walk:
    visited: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    errors: list[tuple[str, int]] = field(default_factory=list)

    @property
    def words(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for f in self.findings:
            for w in f.words:
                counts[w] = counts.get(w, 0) + 1
        return counts


def _view_key(path: str, query: str) -> tuple | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if not (match.view_name or "").startswith(("wagtail", "headless", "social", "letters", "disclosure", "errorre")) and (
        not path.startswith("/admin/")
    ):
        return None
    kinds = []
    for name, value in sorted(match.kwargs.items()):
        if name in ("page_id", "parent_page_id", "pk") and str(value).isdigit() and "page" in match.view_name:
            from wagtail.models import Page

            page = Page.objects.filter(pk=value).select_related("content_type").first()
            kinds.append((name, page.content_type.model if page else None))
        elif name in ("app_label", "model_name", "content_type_app_name", "content_type_model_name"):
            kinds.append((name, value))
    params = tuple(sorted({k for k, _ in parse_qsl(query, keep_blank_values=True)} - {"p", "ordering", "next"}))
    return (match.view_name, tuple(kinds), params)


def walk(client, seen_keys: set | None = None, limit: int = 600) -> Walk:
    """Breadth-first over the admin as the client's user: GET only, never an action link. Views whose key is in
    `seen_keys` (walked already as another user) are skipped, apart from the dashboard."""
    result = Walk()
    seen_keys = set() if seen_keys is None else seen_keys
    queue: deque[str] = deque(["/admin/"])
    queued = {"/admin/"}
    while queue and len(result.visited) < limit:
        url = queue.popleft()
        parts = urlsplit(url)
        key = _view_key(parts.path, parts.query)
        if key is None or (key in seen_keys and url != "/admin/"):
            continue
        seen_keys.add(key)
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
        if response.status_code in (301, 302):
            continue
        if response.status_code != 200:
            result.errors.append((url, response.status_code))
            continue
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        result.visited.append(url)
        markup = response.content.decode("utf-8", "replace")
        strings = visible_strings(markup)
        words = [w for s in strings for w in english_words(s)]
        if words:
            context = sorted({s[:80] for s in strings if english_words(s)})
            result.findings.append(Finding(url, words, context))
        links = re.findall(r'(?:href|data-url|"url")\s*[=:]\s*"(/admin/[^"#]*)"', markup)
        for link in links:
            link = link.replace("&amp;", "&")
            if SKIP_URL.search(link) or link in queued:
                continue
            queued.add(link)
            queue.append(link)
    return result


def report(walk_result: Walk) -> str:
    lines = [f"{len(walk_result.visited)} views, {sum(walk_result.words.values())} English words"]
    for finding in walk_result.findings:
        lines.append(f"{finding.url}: {sorted(set(finding.words))[:12]} {finding.context[:6]}")
    return "\n".join(lines)
