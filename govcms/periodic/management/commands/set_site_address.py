"""set_site_address <url>: the default Wagtail Site's hostname and port from the site's public address."""

from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

DEFAULT_PORTS = {"http": 80, "https": 443}


def parse_address(url: str) -> tuple[str, int]:
    """(hostname, port) of an http(s) address with nothing after the host but "/"; CommandError otherwise."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise CommandError(f"{url!r} is not a valid address: {exc}") from None
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise CommandError(f"{url!r} is not an http:// or https:// address with a host name, e.g. https://www.example.gov.cn")
    if parts.username or parts.password or parts.path not in ("", "/") or parts.query or parts.fragment:
        raise CommandError(f"{url!r} has more than a scheme, a host and a port: the site is served from the root of its host")
    return parts.hostname, port or DEFAULT_PORTS[parts.scheme]


class Command(BaseCommand):
    help = "Set the default Wagtail Site's hostname and port from the site's public address (https://www.example.gov.cn)."

    def add_arguments(self, parser):
        parser.add_argument("url", help="The site's public address, e.g. https://www.example.gov.cn or http://10.0.0.5:8080")

    def handle(self, *args, url: str, **options):
        hostname, port = parse_address(url)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("There is no default Wagtail Site: run `manage.py migrate` (and `load_demo` for the demo) first")
        if Site.objects.filter(hostname=hostname, port=port).exclude(pk=site.pk).exists():
            raise CommandError(f"Another Wagtail Site already has the address {hostname}:{port}")
        site.hostname, site.port = hostname, port
        site.save()
        self.stdout.write(f"The default Site is now {site.root_url}/")
