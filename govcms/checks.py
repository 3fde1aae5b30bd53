"""System checks of a live site: the default Wagtail Site must carry the public address, or the API's html_url,
social links, the sitemap and the feeds point at an address that does not open."""

from django.conf import settings
from django.core import checks
from django.db import DatabaseError
from wagtail.models import Site


def is_local_address(hostname: str, port: int) -> bool:
    """Wagtail's own default (localhost:80) and its like: an address only the server itself can open."""
    return hostname == "localhost" or (hostname == "127.0.0.1" and port == 80)


def check_site_address(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    if not settings.PRODUCTION:
        return []
    try:
        site = Site.objects.filter(is_default_site=True).only("hostname", "port").first()
    except DatabaseError:
        return []  # not migrated yet (or the database is not up): `migrate` runs the checks again
    if site is None or not is_local_address(site.hostname, site.port):
        return []
    return [
        checks.Warning(
            f"The default Wagtail Site's address is {site.hostname}:{site.port}: the API's html_url, social links, "
            "the sitemap and the feeds point at an address that visitors cannot open.",
            hint="Run `manage.py set_site_address https://www.example.gov.cn` with the site's public address.",
            obj="wagtailcore.Site",
            id="govcms.W001",
        )
    ]
