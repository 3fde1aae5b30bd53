"""Sign-in and sign-out on the public site for the contact people of applicant units (/units/login/)."""

from django import forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .models import UnitMember


class UnitLoginForm(AuthenticationForm):
    """Only a contact person of an active unit may sign in here; staff use the admin."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "not_unit": _("This login does not belong to an applicant unit. Staff sign in at the admin."),
        "unit_disabled": _("This unit's account has been disabled. Please contact the bureau."),
    }

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        member = UnitMember.objects.select_related("unit").filter(user=user).first()
        if member is None:
            raise forms.ValidationError(self.error_messages["not_unit"], code="not_unit")
        if not member.unit.active:
            raise forms.ValidationError(self.error_messages["unit_disabled"], code="unit_disabled")


class UnitLoginView(auth_views.LoginView):
    template_name = "units/login.html"
    form_class = UnitLoginForm
    redirect_authenticated_user = False


class UnitLogoutView(auth_views.LogoutView):
    next_page = "/"
