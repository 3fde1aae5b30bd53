"""Counts searches of the search page for the analytics (search/analytics.py), including those the page cache
answers: it sits before the page cache and reads the number of results from the answer's header."""

from __future__ import annotations

import logging

from django.urls import reverse

from search import analytics

logger = logging.getLogger("sitesearch")


class SearchAnalyticsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.path = None

    def __call__(self, request):
        response = self.get_response(request)
        if self.path is None:
            self.path = reverse("search")
        if request.method == "GET" and request.path == self.path and response.status_code == 200:
            total = response.get(analytics.RESULTS_HEADER)
            if total is not None and total.isdigit():
                try:
                    analytics.record_search(request.GET.get("q", ""), int(total))
                except Exception as exc:  # counting must never break searching
                    logger.warning("search: the search could not be counted: %s", exc)
        return response
