"""The search page: live public pages matching the query, paginated."""
from django.template.response import TemplateResponse
from wagtail.models import Page

from cms.disclosure.listing import paginate

MAX_QUERY_LENGTH = 100


def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = Page.objects.live().public().search(query) if query else Page.objects.none()
    return TemplateResponse(request, "sitesearch/search.html", {
        "query": query,
        "results": paginate(request, results),
        "querystring": f"q={query}" if query else "",
    })
