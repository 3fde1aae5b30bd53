"""Template tags for the public theme's navigation: top menu, breadcrumbs, section navigation, pagination.

Load with `{% load navigation %}`.
"""

from __future__ import annotations

from django import template
from django.apps import apps
from wagtail.models import Page, Site

from cms.core.tree import below
from cms.disclosure.models import CategoryPage, DisclosureGuidePage, DisclosureRulesPage

register = template.Library()

# Content pages that are never listed in the section navigation: they are what the listings are for.
LEAF_TYPES = (
    "disclosure.DisclosureItemPage",  # with policies, interpretations and annual reports (its subclasses)
    "news.NewsPage",
    "columns.ColumnArticlePage",
    "press.PressConferencePage",
    "letters.PublishedLetterPage",  # answered letters: the mailbox lists them
)
SECTION_NAV_LIMIT = 30


def _leaf_models():

    return [apps.get_model(label) for label in LEAF_TYPES]


def _site_root(context) -> Page | None:
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page if site else None


def _current_page(context) -> Page | None:
    page = context.get("page")
    return page if isinstance(page, Page) else None


@register.simple_tag(takes_context=True)
def site_root(context) -> Page | None:
    """The home page of the current site: `{% site_root as home %}`."""
    return _site_root(context)


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The top menu: the home page, then its live, public children marked "show in menus"."""
    home = _site_root(context)
    current = _current_page(context)
    items = []
    if home is not None:
        for child in home.get_children().live().public().in_menu():
            active = current is not None and (current.pk == child.pk or current.path.startswith(child.path))
            items.append({"page": child, "active": active, "current": current is not None and current.pk == child.pk})
    return {
        "request": context.get("request"),
        "home": home,
        "home_current": home is not None and current is not None and current.pk == home.pk,
        "items": items,
    }


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, title: str = ""):
    """Where the page sits: home › section › … › this page. `title` names a page that is not a Wagtail page."""
    home = _site_root(context)
    current = _current_page(context)
    trail: list[Page] = []
    if current is not None and home is not None and current.path.startswith(home.path):
        trail = list(Page.objects.ancestor_of(current, inclusive=True).filter(depth__gte=home.depth).live())
        if trail and trail[-1].pk != current.pk:
            trail.append(current)
    elif home is not None:
        trail = [home]
    return {
        "request": context.get("request"),
        "trail": trail,
        "current": current,
        "title": title,
        "show": len(trail) > 1 or bool(title),
    }


@register.simple_tag(takes_context=True)
def section_nav(context):
    """`{% section_nav as nav %}`: the pages of the current section (the top-level page the current page is in),
    with the open branch expanded.

    Items, articles and conferences are left out: the section's own listings show those.
    """
    home = _site_root(context)
    current = _current_page(context)
    empty = {"section": None, "entries": []}
    if home is None or current is None or current.depth <= home.depth or not current.path.startswith(home.path):
        return empty
    section = Page.objects.ancestor_of(current, inclusive=True).filter(depth=home.depth + 1).first()
    if section is None:
        return empty
    leaves = _leaf_models()

    def children(parent: Page):
        return list(parent.get_children().live().public().not_type(*leaves)[:SECTION_NAV_LIMIT])

    entries = []
    for child in children(section):
        on_path = current.path.startswith(child.path)
        sub = []
        if on_path:
            sub = [{"page": g, "current": g.pk == current.pk, "active": current.path.startswith(g.path)} for g in children(child)]
        entries.append({"page": child, "current": child.pk == current.pk, "active": on_path, "children": sub})
    return {"section": section, "section_current": section.pk == current.pk, "entries": entries}


@register.simple_tag(takes_context=True)
def first_page_of_type(context, model_label: str) -> Page | None:
    """The first live page of a type on this site, for "more" links: `{% first_page_of_type "news.NewsIndexPage" as x %}`."""

    home = _site_root(context)
    if home is None:
        return None
    model = apps.get_model(model_label)
    return below(model.objects.live().public(), home).order_by("path").first()


@register.inclusion_tag("includes/pagination.html")
def pagination(page_obj, querystring: str = "", label: str = ""):
    """Numbered page links that keep the current filters (`querystring`, already URL-encoded, without page)."""
    if page_obj is None or not hasattr(page_obj, "paginator") or page_obj.paginator.num_pages <= 1:
        return {"show": False}
    prefix = f"?{querystring}&page=" if querystring else "?page="
    numbers = page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
    links = [
        {
            "number": n,
            "url": f"{prefix}{n}" if isinstance(n, int) else "",
            "current": n == page_obj.number,
            "gap": not isinstance(n, int),
        }
        for n in numbers
    ]
    return {
        "show": True,
        "label": label,
        "page_obj": page_obj,
        "links": links,
        "previous_url": f"{prefix}{page_obj.previous_page_number()}" if page_obj.has_previous() else "",
        "next_url": f"{prefix}{page_obj.next_page_number()}" if page_obj.has_next() else "",
    }


@register.filter
def live_only(pages):
    """Keeps the live pages of a related manager or list: `page.replaced_by.all|live_only`."""
    return [p for p in pages if getattr(p, "live", False)]


@register.simple_tag
def catalogue_children(page: Page) -> list[Page]:
    """The sub-categories and fixed pages (guide, rules) under a catalogue page, for its category navigation."""

    return list(page.get_children().live().public().type(CategoryPage, DisclosureGuidePage, DisclosureRulesPage))
