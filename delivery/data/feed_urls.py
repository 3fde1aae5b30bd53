"""The feed of new data releases: /feeds/data/rss/ and /feeds/data/atom/."""

from django.urls import path

from delivery.data import feed

urlpatterns = [path("<str:kind>/", feed.releases_feed, name="data_feed")]
