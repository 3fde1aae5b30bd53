"""App config of the periodic jobs (no models): registers the system checks of a live site."""

from django.apps import AppConfig
from django.core import checks


class PeriodicConfig(AppConfig):
    name = "govcms.periodic"
    label = "periodic"
    verbose_name = "Periodic jobs"

    def ready(self) -> None:
        # The check queries Wagtail's Site model, which can be imported only once the app registry is ready.
        from govcms.checks import check_site_address

        checks.register(check_site_address)
