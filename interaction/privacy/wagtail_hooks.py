"""Admin: the personal data view log (个人信息查看记录), read-only, for those who may audit it."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import PersonalDataView


class PersonalDataViewViewSet(ModelViewSet):
    model = PersonalDataView
    icon = "view"
    menu_label = _("Personal data views")
    add_to_settings_menu = True
    list_display = ["viewed_at", "user", "object_repr", "action", "ip_address"]
    list_filter = ["user", "content_type"]
    search_fields = ["object_repr", "action"]
    inspect_view_enabled = True
    exclude_form_fields = []
    form_fields = ["action"]  # never editable: the log's permissions give view only


@hooks.register("register_admin_viewset")
def register_personal_data_log():
    return PersonalDataViewViewSet("personal_data_views")
