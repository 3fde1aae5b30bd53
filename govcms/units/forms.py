"""The staff's form for a unit's contact person: it creates or updates the Django user behind the person."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

User = get_user_model()


class UnitMemberForm(WagtailAdminModelForm):
    username = forms.RegexField(
        label=_("Login name"),
        regex=r"^[A-Za-z0-9_.@+-]{3,40}$",
        help_text=_("3–40 letters, digits or _.@+-; the contact person signs in with it."),
        error_messages={"invalid": _("Use 3–40 letters, digits or _.@+-.")},
    )
    email = forms.EmailField(label=_("E-mail"), help_text=_("Notices about the unit's cases are sent here."))
    password = forms.CharField(
        label=_("Password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_("Required for a new person; leave blank to keep the current password."),
    )
    is_active = forms.BooleanField(label=_("May sign in"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.instance.user if self.instance.pk else None
        if user is not None:
            self.fields["username"].initial = user.username
            self.fields["email"].initial = user.email
            self.fields["is_active"].initial = user.is_active

    def clean_username(self):
        username = self.cleaned_data["username"]
        taken = User.objects.filter(username__iexact=username)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.user_id)
        if taken.exists():
            raise forms.ValidationError(_("This login name is taken."))
        return username

    def clean_password(self):
        password = self.cleaned_data.get("password")
        if not password and not self.instance.pk:
            raise forms.ValidationError(_("A new contact person needs a password."))
        if password:
            validate_password(password)
        return password

    def save(self, commit=True):
        member = super().save(commit=False)
        user = member.user if member.pk else User(is_staff=False, is_superuser=False)
        user.username = self.cleaned_data["username"]
        user.email = self.cleaned_data["email"]
        user.first_name = member.full_name[:150]
        user.is_active = self.cleaned_data["is_active"]
        if self.cleaned_data.get("password"):
            user.set_password(self.cleaned_data["password"])
        user.save()
        member.user = user
        if commit:
            member.save()
        return member
