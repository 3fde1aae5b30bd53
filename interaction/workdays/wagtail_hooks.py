"""Admin: site administrators enter a new year's holiday schedule under Settings (工作日历); the dashboard warns while
deadlines can reach a year whose schedule is not entered."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet

from .calendar import years_to_enter
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


class ProvisionalCalendarPanel(Component):
    """Dashboard warning while a year that deadlines can reach has no entered holiday schedule."""

    name = "workdays_provisional"
    template_name = "workdays/provisional_panel.html"
    order = 50

    def __init__(self, years: list[int], calendar_url: str | None) -> None:
        self.years, self.calendar_url = years, calendar_url

    def get_context_data(self, parent_context):
        return {"years": "、".join(f"{year}年" for year in self.years), "calendar_url": self.calendar_url}


@hooks.register("construct_homepage_panels")
def add_provisional_calendar_warning(request, panels):
    years = years_to_enter(timezone.localdate())
    if years:
        may_enter = request.user.has_perm("workdays.add_calendarday")
        panels.append(ProvisionalCalendarPanel(years, reverse("calendar_days:add") if may_enter else None))
