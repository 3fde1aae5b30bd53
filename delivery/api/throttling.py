"""Rate limit for anonymous API clients: API_ANON_RATE requests per period, counted in the default cache."""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle

from govcms.security.addresses import client_address

DEFAULT_RATE = "120/minute"


class AnonymousAPIThrottle(AnonRateThrottle):
    """DRF's anonymous throttle with its rate read from settings.API_ANON_RATE at each request, counted per
    address as the rest of the site counts it (DRF's own reading believes a client's X-Forwarded-For)."""

    scope = "headless_anon"

    def __init__(self):  # the rate is read per request so that override_settings and env changes apply
        pass

    def allow_request(self, request, view) -> bool:
        self.rate = getattr(settings, "API_ANON_RATE", DEFAULT_RATE) or None
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_ident(self, request) -> str:
        return client_address(request)
