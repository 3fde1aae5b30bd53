"""Admin: site administrators enter a new year's holidays under Settings (工作日历) and then confirm the State Council's
notice (节假日安排通知); the dashboard warns, naming the year, while deadlines can reach a year whose notice is not
confirmed. Every save recounts the open cases' deadlines and says how many changed."""

from django.contrib import messages
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import LogFormatter

from cms.core.dates import chinese_date

from .calendar import years_to_enter
from .models import CalendarDay, HolidayNotice
from .recount import RECOUNTED, change_of
from .signals import last_recount


class RecountMessage:
    """After a save or a delete: how many open cases' deadlines were recounted with the changed calendar."""

    def form_valid(self, form):
        last_recount()
        response = super().form_valid(form)
        self.tell_recount()
        return response

    def tell_recount(self) -> None:
        changed = sum(last_recount().values())
        if changed:
            messages.info(
                self.request,
                _("%(count)d deadlines of open cases were recounted with the changed calendar.") % {"count": changed},
            )


class DayCreateView(RecountMessage, generic.CreateView):
    pass


class DayEditView(RecountMessage, generic.EditView):
    pass


class DayDeleteView(RecountMessage, generic.DeleteView):
    pass


class CalendarDayViewSet(ModelViewSet):
    model = CalendarDay
    icon = "date"
    menu_label = gettext_lazy("Working-day calendar")
    add_to_settings_menu = True
    list_display = ["date", "kind", "name"]
    list_filter = ["kind"]
    form_fields = ["date", "kind", "name"]
    add_view_class = DayCreateView
    edit_view_class = DayEditView
    delete_view_class = DayDeleteView


class Confirmation:
    """The confirmation is made in the name of the user who saves it, now."""

    def save_instance(self):
        self.form.instance.confirmed_by = self.request.user
        self.form.instance.confirmed_at = timezone.now()
        return super().save_instance()


class NoticeCreateView(RecountMessage, Confirmation, generic.CreateView):
    def get_initial(self):
        initial = super().get_initial()
        year = self.request.GET.get("year", "")
        if year.isdigit():
            initial["year"] = int(year)
        return initial


class NoticeEditView(RecountMessage, Confirmation, generic.EditView):
    pass


class NoticeDeleteView(RecountMessage, generic.DeleteView):
    pass


def entered_days(notice: HolidayNotice) -> int:
    return CalendarDay.objects.filter(date__year=notice.year).count()


class HolidayNoticeViewSet(ModelViewSet):
    model = HolidayNotice
    icon = "tasks"
    menu_label = gettext_lazy("Holiday notices")
    add_to_settings_menu = True
    form_fields = ["year", "reference"]
    add_view_class = NoticeCreateView
    edit_view_class = NoticeEditView
    delete_view_class = NoticeDeleteView
    copy_view_enabled = False
    inspect_view_enabled = False

    @property
    def list_display(self):
        return [
            "year",
            "reference",
            Column("days", label=gettext_lazy("days entered"), accessor=entered_days),
            "confirmed_by",
            Column("confirmed_at", label=gettext_lazy("confirmed at"), accessor=lambda n: chinese_date(n.confirmed_at)),
        ]


@hooks.register("register_admin_viewset")
def register_calendar_viewset():
    return CalendarDayViewSet("calendar_days")


@hooks.register("register_admin_viewset")
def register_notice_viewset():
    return HolidayNoticeViewSet("holiday_notices")


@hooks.register("register_log_actions")
def register_recounted(actions):
    @actions.register_action(RECOUNTED)
    class Recounted(LogFormatter):
        label = gettext_lazy("Time limit recounted")

        def format_message(self, log_entry):
            return change_of(None, log_entry.data).text()


class ProvisionalCalendarPanel(Component):
    """Dashboard warning while a year that deadlines can reach has no confirmed State Council notice."""

    name = "workdays_provisional"
    template_name = "workdays/provisional_panel.html"
    order = 50

    def __init__(self, years: list[dict], may_enter: bool) -> None:
        self.years, self.may_enter = years, may_enter

    def get_context_data(self, parent_context):
        return {"years": self.years, "may_enter": self.may_enter}


@hooks.register("construct_homepage_panels")
def add_provisional_calendar_warning(request, panels):
    years = years_to_enter(timezone.localdate())
    if not years:
        return
    may_enter = request.user.has_perm("workdays.add_calendarday")
    may_confirm = request.user.has_perm("workdays.add_holidaynotice")
    rows = [
        {
            "year": year,
            "entered": CalendarDay.objects.filter(date__year=year).count(),
            "days_url": reverse("calendar_days:index") if may_enter else "",
            "add_url": reverse("calendar_days:add") if may_enter else "",
            "confirm_url": f"{reverse('holiday_notices:add')}?year={year}" if may_confirm else "",
        }
        for year in years
    ]
    panels.append(ProvisionalCalendarPanel(rows, may_enter or may_confirm))
