"""In the demo (DEBUG on), a page that does not exist shows the site's own 404 page, as a visitor would see it,
instead of Django's English debug page listing the URL patterns. Only the development settings install it."""

from django.http import Http404

from .views import page_not_found


class SiteNotFoundMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Http404) and not request.path.startswith(("/admin/", "/django-admin/")):
            response = page_not_found(request, exception)
            return response.render() if hasattr(response, "render") else response
        return None
