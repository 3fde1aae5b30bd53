"""Login throttling backend: django-axes' check, for logins that come through a web request.

Logins without a request (Django's test client `login()`, scripts) have no address to throttle by, so they
pass through to the next backend instead of failing; every login form in the site passes its request.
"""

from axes.backends import AxesStandaloneBackend


class LoginThrottleBackend(AxesStandaloneBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
