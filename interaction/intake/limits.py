"""Per-address allowances of the public forms (django-ratelimit, counted in the default cache, by the address
govcms.security.addresses.client_address gives). A submission uses up the allowance only once it is accepted."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit import ALL
from django_ratelimit.core import get_usage, is_ratelimited


@dataclass(frozen=True)
class Allowance:
    """So many requests per window from one address: `setting` names the rate ("5/h"), `default` if unset."""

    group: str
    setting: str
    default: str

    @property
    def rate(self) -> str:
        return getattr(settings, self.setting, self.default)

    def used(self, request: HttpRequest) -> int:
        """How many this address has used in the current window, without counting this request."""
        usage = get_usage(request, group=self.group, key="ip", rate=self.rate, method=ALL, increment=False)
        return usage["count"] if usage else 0

    def exhausted(self, request: HttpRequest) -> bool:
        """Whether one more would go over the limit (nothing counted)."""
        usage = get_usage(request, group=self.group, key="ip", rate=self.rate, method=ALL, increment=False)
        return usage is not None and (usage["should_limit"] or usage["count"] >= usage["limit"])

    def count(self, request: HttpRequest) -> bool:
        """This request uses up one; True if it went over the limit."""
        return is_ratelimited(request, group=self.group, key="ip", rate=self.rate, method=ALL, increment=True)


# Attempts that carry files, accepted or not, from one address, over every public form (checking an upload costs
# memory and time even when the form is then refused).
UPLOADS = Allowance("intake.uploads", "INTAKE_UPLOAD_ATTEMPTS_RATE", "6/h")
