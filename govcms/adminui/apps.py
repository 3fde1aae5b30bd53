"""App config: gives Wagtail's own listings that build their column names from attribute names ("Port", "Site name")
the models' translated field names."""

from django.apps import AppConfig


class AdminUiConfig(AppConfig):
    name = "govcms.adminui"
    label = "adminui"
    verbose_name = "管理后台界面"

    def ready(self) -> None:
        from django.utils.text import capfirst
        from wagtail.admin.ui.tables import Column
        from wagtail.models import Site
        from wagtail.sites import views

        for column in views.IndexView.columns:
            if type(column) is Column and column.name in {f.name for f in Site._meta.fields}:
                column.label = capfirst(Site._meta.get_field(column.name).verbose_name)
