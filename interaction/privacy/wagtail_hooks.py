"""Admin: the personal data view log (个人信息查看记录), read-only, for those who may audit it."""

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.viewsets.model import ModelViewSet

from .models import PersonalDataView


def logged_kinds(request):
    """Only the kinds of record the log holds (not every content type of the site, "Axes | access attempt" …)."""
    return ContentType.objects.filter(pk__in=PersonalDataView.objects.values("content_type")).order_by("model")


class PersonalDataViewFilterSet(WagtailFilterSet):
    content_type = django_filters.ModelChoiceFilter(label=_("kind of record"), queryset=logged_kinds)

    class Meta:
        model = PersonalDataView
        fields = ["user", "content_type"]


class PersonalDataViewViewSet(ModelViewSet):
    model = PersonalDataView
    icon = "view"
    menu_label = _("Personal data views")
    add_to_settings_menu = True
    list_display = ["viewed_at", "user", "object_repr", "action", "ip_address"]
    filterset_class = PersonalDataViewFilterSet
    search_fields = ["object_repr", "action"]
    inspect_view_enabled = True
    exclude_form_fields = []
    form_fields = ["action"]  # never editable: the log's permissions give view only


@hooks.register("register_admin_viewset")
def register_personal_data_log():
    return PersonalDataViewViewSet("personal_data_views")
