"""Theme views: robots.txt, the favicon, the HTML site map (网站地图), the accessible-mode switch, and the 404 and 500
pages."""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.template import loader
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.models import Page, Site

from cms.core.page_rules import is_article
from themes.context_processors import ACCESSIBLE_COOKIE


def robots_txt(request):
    sitemap_url = request.build_absolute_uri("/sitemap.xml")
    body = f"User-agent: *\nDisallow: /admin/\nDisallow: /django-admin/\nDisallow: /search/\n\nSitemap: {sitemap_url}\n"
    return HttpResponse(body, content_type="text/plain; charset=utf-8")


@csrf_exempt  # it only sets a display cookie; no token lets every page be cached whole (pagecache/)
@require_POST
def toggle_accessibility(request):
    """Switches the accessible mode on or off for a visitor without JavaScript; scripts set the cookie directly."""
    turn_on = request.POST.get("mode") == "on"
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie(ACCESSIBLE_COOKIE, "1" if turn_on else "0", max_age=365 * 24 * 3600, samesite="Lax")
    return response


def page_not_found(request, exception=None):
    return TemplateResponse(request, "404.html", status=404)


def server_error(request):
    """Rendered without context processors or the database, which may be what failed."""
    return HttpResponse(loader.get_template("500.html").render(), status=500)


def favicon(request):
    """/favicon.ico, which browsers and crawlers ask for whatever the page says: the theme's icon."""
    return HttpResponsePermanentRedirect(static("themes/favicon.ico"))


def html_sitemap(request):
    """网站地图: the site's sections and columns (not its articles) as nested lists; /sitemap.xml stays for crawlers."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    root = site.root_page
    article_types = [ct for ct in ContentType.objects.filter(pk__in=_page_content_types()) if _is_article_type(ct)]
    pages = list(
        Page.objects.live()
        .public()
        .descendant_of(root)
        .filter(depth__lte=root.depth + MAP_DEPTH)
        .exclude(content_type__in=article_types)
        .order_by("path")
        .only("id", "title", "path", "depth", "url_path")
    )
    children: dict[str, list] = {}
    for page in pages:
        children.setdefault(page.path[: -Page.steplen], []).append(page)

    def branch(path: str) -> list:
        return [{"page": p, "children": branch(p.path)} for p in children.get(path, [])]

    return TemplateResponse(request, "core/sitemap.html", {"root": root, "tree": branch(root.path)})


MAP_DEPTH = 3  # sections, their columns and sub-columns


def _page_content_types():
    return Page.objects.values_list("content_type", flat=True).distinct()


def _is_article_type(content_type) -> bool:
    model = content_type.model_class()
    return model is not None and is_article(model)
