"""URL routing: admin, documents, search, sitemap, robots, then Wagtail's page tree."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from oversight.health import views as health_views
from search import views as search_views
from themes import views as theme_views

handler404 = "themes.views.page_not_found"
handler500 = "themes.views.server_error"

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", search_views.search, name="search"),
    path("api/search/", search_views.api_search, name="search_api"),
    path("api/search/suggest/", search_views.api_suggest, name="search_suggest"),
    path("search/opened/", search_views.result_opened, name="search_opened"),
    path("api/data/", include("delivery.data.urls")),
    path("api/services/", include("interaction.services.api_urls")),  # business systems' API (token)
    path("api/", include("delivery.api.urls")),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", theme_views.robots_txt, name="robots_txt"),
    path("favicon.ico", theme_views.favicon, name="favicon"),
    path("sitemap/", theme_views.html_sitemap, name="html_sitemap"),
    path("accessibility/", theme_views.toggle_accessibility, name="toggle_accessibility"),
    path("feeds/data/", include("delivery.data.feed_urls")),
    path("feeds/", include("delivery.feeds.urls")),
    path("share/", include("delivery.sharing.urls")),
    path("zhaocuo/", include("interaction.errorreports.urls")),
    path("units/", include("govcms.units.urls")),
    path("services/", include("interaction.services.urls")),  # 办事服务: apply, 我的办件, 办件公示
    path("captcha/", include("captcha.urls")),  # the mailbox's picture check (letters/)
    path("health/status.json", health_views.status_json, name="health_status"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
