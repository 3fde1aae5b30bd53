"""The link check: every link, attachment and image on the published pages, found by the same walk as the
pre-publication checks (cms/editorial), checked — internal pages, documents and images in the database and the
storage, written addresses over HTTP by the polite prober (govcms/links) — and stored. An address that is dead
(404/410, no connection, a redirect loop) LINKCHECK_FAILURES checks running is broken; the editors of the pages that
use a newly broken link get one e-mail listing them."""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from cms.editorial.checks import collect_references
from govcms.links.probe import Outcome, Prober, host_key, own_hosts

from .models import LinkCheckRun, LinkTarget, LinkUse
from .pages import live_pages

Kind = LinkTarget.Kind
Status = LinkTarget.Status


@dataclass
class Found:
    """The links found on the live pages: (kind, address) → [(page id, field label)]."""

    uses: dict[tuple[str, str], list[tuple[int, str]]] = field(default_factory=lambda: defaultdict(list))
    pages: list[int] = field(default_factory=list)


def say(line: str) -> None:
    if not sys.stderr.isatty():
        print(line, file=sys.stderr, flush=True)


def bar(iterable=None, *, total=None, desc="", unit=""):
    from tqdm import tqdm

    return tqdm(iterable, total=total, desc=desc, unit=unit, file=sys.stderr, disable=not sys.stderr.isatty())


def find_links(pages=None) -> Found:
    """Every link on the given live pages (default: all of them)."""
    found = Found()
    pages = live_pages() if pages is None else pages
    total = Page.objects.live().public().filter(depth__gt=1).count()
    for page in bar(pages, total=total, desc="pages", unit="page"):
        found.pages.append(page.pk)
        refs = collect_references(page)
        for label, pk in refs.pages:
            if pk != page.pk:
                found.uses[(Kind.PAGE, f"page:{pk}")].append((page.pk, label))
        for label, pk in refs.documents:
            found.uses[(Kind.DOCUMENT, f"document:{pk}")].append((page.pk, label))
        for label, pk, _needs in refs.images:
            found.uses[(Kind.IMAGE, f"image:{pk}")].append((page.pk, label))
        for label, url in refs.urls:
            found.uses[(Kind.EXTERNAL, url)].append((page.pk, label))
    return found


@transaction.atomic
def store_links(found: Found) -> dict[tuple[str, str], LinkTarget]:
    """The targets for what was found (new ones unchecked), every use replaced (the whole live site was read: pages
    unpublished since lose theirs); targets no longer used go. No query lists ids, however large the site."""
    keys = {LinkTarget.make_key(kind, url): (kind, url) for kind, url in found.uses}
    existing = set(LinkTarget.objects.values_list("key", flat=True))
    new = [LinkTarget(key=key, kind=kind, url=url) for key, (kind, url) in keys.items() if key not in existing]
    LinkTarget.objects.bulk_create(new, batch_size=500)
    targets = {t.key: t for t in LinkTarget.objects.all()}
    LinkUse.objects.all().delete()
    LinkUse.objects.bulk_create(
        [
            LinkUse(target=targets[LinkTarget.make_key(kind, url)], page_id=page_id, field=label[:200])
            for (kind, url), uses in found.uses.items()
            for page_id, label in dict.fromkeys(uses)
        ],
        batch_size=1000,
    )
    LinkTarget.objects.filter(uses__isnull=True).delete()
    return {keys[key]: target for key, target in targets.items() if key in keys}


def check_internal(targets: list[LinkTarget]) -> dict[int, Outcome]:
    """Pages must exist and be live; documents and images must exist with their file in the storage."""
    ids = defaultdict(set)
    for target in targets:
        ids[target.kind].add(int(target.url.split(":", 1)[1]))
    live = set(Page.objects.filter(pk__in=ids[Kind.PAGE], live=True).values_list("pk", flat=True))
    files = {}
    for kind, model in ((Kind.DOCUMENT, get_document_model()), (Kind.IMAGE, get_image_model())):
        for obj in model.objects.filter(pk__in=ids[kind]):
            files[(kind, obj.pk)] = obj.file.storage.exists(obj.file.name) if obj.file else False
    outcomes = {}
    for target in targets:
        pk = int(target.url.split(":", 1)[1])
        if target.kind == Kind.PAGE:
            ok, error = pk in live, "" if pk in live else "页面已删除或未发布"
        else:
            present = files.get((target.kind, pk))
            ok = bool(present)
            error = "" if ok else ("文件已丢失" if present is False else "已删除")
        outcomes[target.pk] = Outcome(target.url, ok, dead=not ok, error=error)
    return outcomes


def apply(target: LinkTarget, outcome: Outcome, now, internal: bool) -> None:
    threshold = getattr(settings, "LINKCHECK_FAILURES", 3)
    target.checked_at = now
    target.code = outcome.code
    target.error = (outcome.error or "")[:200]
    if outcome.skipped:
        target.status = Status.SKIPPED
        return
    if outcome.ok:
        target.failures = 0
        target.status = Status.OK
        target.broken_since = None
        target.notified_at = None
        return
    if outcome.dead:
        target.failures = threshold if internal else target.failures + 1
    if target.failures >= threshold:
        if target.status != Status.BROKEN:
            target.broken_since = now
        target.status = Status.BROKEN
    else:
        target.status = Status.FAILING


def run(*, mail: bool = True, prober: Prober | None = None, log: Callable[[str], None] = say) -> LinkCheckRun:
    """One full link check of the live site."""
    started = time.monotonic()
    record = LinkCheckRun.objects.create(started_at=timezone.now())
    found = find_links()
    log(f"check_links: {len(found.pages)} pages read, {len(found.uses)} addresses ({time.monotonic() - started:.1f} s)")
    targets = list(store_links(found).values())
    now = timezone.now()
    internal = [t for t in targets if t.kind != Kind.EXTERNAL]
    external = [t for t in targets if t.kind == Kind.EXTERNAL]
    outcomes = check_internal(internal)
    log(f"check_links: {len(internal)} internal links, documents and images checked")
    prober = prober or Prober(allowed_hosts=own_hosts())
    progress = bar(total=len(external), desc="addresses", unit="url")
    by_url = prober.check_many([t.url for t in external], progress=lambda _o: progress.update(1))
    progress.close()
    requests_sent = sum(o.requests for o in by_url.values())
    log(f"check_links: {len(external)} addresses on {len({host_key(t.url) for t in external})} hosts, {requests_sent} requests")
    for target in internal:
        apply(target, outcomes[target.pk], now, internal=True)
    for target in external:
        apply(target, by_url[target.url], now, internal=False)
    LinkTarget.objects.bulk_update(
        targets, ["status", "failures", "code", "error", "checked_at", "broken_since", "notified_at"], batch_size=500
    )
    broken = [t for t in targets if t.status == Status.BROKEN]
    if mail:
        notify(broken)
    record.finished_at = timezone.now()
    record.pages = len(found.pages)
    record.addresses = len(targets)
    record.requests = requests_sent
    record.broken = len(broken)
    record.save()
    log(f"check_links: {len(broken)} broken ({time.monotonic() - started:.1f} s in all)")
    return record


def describe(target: LinkTarget) -> str:
    """What a broken target is, in an editor's words."""
    if target.kind == Kind.EXTERNAL:
        reason = f"HTTP {target.code}" if target.code else target.error
        return f"{target.url}（{reason}）"
    kind, _, pk = target.url.partition(":")
    label = {"page": "页面", "document": "附件", "image": "图片"}[kind]
    return f"{label} #{pk}（{target.error}）"


def editors(page: Page) -> set:
    """Who looks after a page: its owner and whoever saved its latest revision."""
    people = {page.owner} if page.owner_id else set()
    revision = page.latest_revision
    if revision and revision.user_id:
        people.add(revision.user)
    return {person for person in people if person.is_active and person.email}


def notify(broken: list[LinkTarget]) -> int:
    """E-mail each page's editors the links newly broken on their pages, once; returns the messages sent."""
    fresh = [t for t in broken if t.notified_at is None]
    if not fresh:
        return 0
    per_person: dict = defaultdict(lambda: defaultdict(list))
    uses = LinkUse.objects.filter(target__status=Status.BROKEN, target__notified_at__isnull=True, page__live=True)
    for use in uses.select_related("target", "page", "page__owner"):
        page = use.page
        for person in editors(page):
            per_person[person][page].append(f"{use.field}：{describe(use.target)}")
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "") or ""
    sent = 0
    for person, pages in per_person.items():
        lines = ["以下已发布页面上的链接已失效（连续多次检查打不开），请修改：", ""]
        for page, problems in pages.items():
            lines.append(f"《{page.title}》 {base}{reverse('wagtailadmin_pages:edit', args=[page.pk])}")
            lines += [f"  - {p}" for p in problems]
            lines.append("")
        lines.append(f"全部失效链接：{base}{reverse('health:links')}")
        send_mail("【网站健康】页面上有失效链接", "\n".join(lines), None, [person.email])
        sent += 1
    LinkTarget.objects.filter(status=Status.BROKEN, notified_at__isnull=True).update(notified_at=timezone.now())
    return sent
