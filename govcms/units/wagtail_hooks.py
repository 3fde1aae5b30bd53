"""Admin: staff create, edit and disable applicant units and their contact people (menu 办事单位)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from .forms import UnitMemberForm
from .models import Unit, UnitMember


class UnitViewSet(ModelViewSet):
    model = Unit
    icon = "group"
    menu_label = _("Applicant units")
    list_display = ["name", "kind", "credit_code", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name", "short_name", "credit_code"]
    form_fields = ["name", "short_name", "credit_code", "kind", "address", "active"]


class UnitMemberViewSet(ModelViewSet):
    model = UnitMember
    icon = "user"
    menu_label = _("Unit contact people")
    list_display = ["full_name", "unit", "phone", "position", "active"]
    list_filter = ["unit"]
    search_fields = ["full_name", "user__username"]
    edit_handler = ObjectList(
        [
            FieldPanel("unit"),
            FieldPanel("full_name"),
            FieldPanel("phone"),
            FieldPanel("position"),
            FieldPanel("username"),
            FieldPanel("email"),
            FieldPanel("password"),
            FieldPanel("is_active"),
        ],
        base_form_class=UnitMemberForm,
    )


class UnitsGroup(ViewSetGroup):
    menu_label = _("Applicant units")
    menu_icon = "group"
    menu_order = 260
    items = (UnitViewSet("applicant_units"), UnitMemberViewSet("unit_members"))


@hooks.register("register_admin_viewset")
def register_units():
    return UnitsGroup()
