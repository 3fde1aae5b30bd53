"""Theme views: robots.txt, the accessible-mode switch, and the 404 and 500 pages."""

from django.http import HttpResponse, HttpResponseRedirect
from django.template import loader
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

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
