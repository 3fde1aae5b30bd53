"""Feed URLs: /feeds/rss/ and /feeds/atom/ for the site, then per section, page type and search."""

from django.urls import path, register_converter

from delivery.feeds import views


class FormatConverter:
    regex = "rss|atom"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FormatConverter, "feedformat")

urlpatterns = [
    path("<feedformat:fmt>/", views.site_feed, name="feed_site"),
    path("<feedformat:fmt>/search/", views.search_feed, name="feed_search"),
    path("<feedformat:fmt>/type/<str:label>/", views.type_feed, name="feed_type"),
    path("<feedformat:fmt>/section/", views.section_feed, {"path": ""}, name="feed_home"),
    path("<feedformat:fmt>/section/<path:path>", views.section_feed, name="feed_section"),
]
