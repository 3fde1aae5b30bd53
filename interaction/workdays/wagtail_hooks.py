"""Admin: site administrators enter a new year's holiday schedule under Settings (工作日历)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import CalendarDay


class CalendarDayViewSet(ModelViewSet):
    model = CalendarDay
    icon = "date"
    menu_label = _("Working-day calendar")
    add_to_settings_menu = True
    list_display = ["date", "kind", "name"]
    list_filter = ["kind"]
    form_fields = ["date", "kind", "name"]


@hooks.register("register_admin_viewset")
def register_calendar_viewset():
    return CalendarDayViewSet("calendar_days")
