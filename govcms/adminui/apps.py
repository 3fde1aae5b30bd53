"""App config: gives Wagtail's own listings and forms that name things by attribute names ("Port", "Page") the
translated names, and keeps the page add form from autosaving."""

from django.apps import AppConfig


class AdminUiConfig(AppConfig):
    name = "govcms.adminui"
    label = "adminui"
    verbose_name = "管理后台界面"

    def ready(self) -> None:
        from django.utils.text import capfirst
        from django.utils.translation import gettext_lazy
        from wagtail.admin.forms.workflows import WorkflowPageForm
        from wagtail.admin.ui.tables import Column
        from wagtail.admin.views.pages.create import CreateView
        from wagtail.models import Site
        from wagtail.sites import views
        from wagtail.users.forms import PagePermissionsForm

        for column in views.IndexView.columns:
            if type(column) is Column and column.name in {f.name for f in Site._meta.fields}:
                column.label = capfirst(Site._meta.get_field(column.name).verbose_name)
        # The page choosers of a group's page permissions and of a workflow are labelled by their field name.
        PagePermissionsForm.base_fields["page"].label = gettext_lazy("Page")
        WorkflowPageForm.base_fields["page"].label = gettext_lazy("Page")
        # No autosave on the add form: it would create the page (with whatever title was half typed) before anyone
        # chose to save. Autosave starts on the edit form, after the first save.
        CreateView.autosave_enabled = property(lambda view: False, lambda view, value: None)
