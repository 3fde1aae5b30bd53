"""App configuration for cms.core: connects the senders of content_changed (cms/core/changes.py) when Django starts."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "cms.core"
    label = "core"
    verbose_name = "内容基础"

    def ready(self) -> None:
        from cms.core import changes  # imports models: only once the app registry is ready

        changes.connect()
