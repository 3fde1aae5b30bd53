"""`{% page_rules_meta %}` writes the 《政府网站发展指引》 meta tags; `{% page_title %}…{% endpage_title %}` the document
title."""

import html

from django import template
from django.utils.html import conditional_escape, format_html_join
from wagtail.models import Page, Site

from cms.core import page_rules
from cms.core.models import SiteIdentity

register = template.Library()


def _site_and_identity(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    identity = SiteIdentity.for_site(site) if site else None
    return site, identity


@register.simple_tag(takes_context=True)
def page_rules_meta(context, column_name=""):
    page = context.get("page")
    page = page.specific if isinstance(page, Page) and type(page) is Page else page
    site, identity = _site_and_identity(context)
    column_name = str(column_name or context.render_context.get("page_rules_title", ""))
    pairs = page_rules.page_meta(page if isinstance(page, Page) else None, site, identity, column_name)
    return format_html_join("\n  ", '<meta name="{}" content="{}">', pairs)


class PageTitleNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        title = " ".join(self.nodelist.render(context).split())
        context.render_context["page_rules_title"] = html.unescape(title)  # a view's column name, for the meta tags
        site, identity = _site_and_identity(context)
        return conditional_escape(page_rules.page_title(html.unescape(title), page_rules.site_name(site, identity)))


@register.tag
def page_title(parser, token):
    """{% page_title %}…{% endpage_title %}: the title inside (blocks allowed), followed by " - <site name>" unless it
    already holds the site's name."""
    nodelist = parser.parse(("endpage_title",))
    parser.delete_first_token()
    return PageTitleNode(nodelist)
