"""Admin form for channels: credentials are write-only (never shown back; blank keeps the stored value)."""

from django import forms
from django.contrib.contenttypes.models import ContentType
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Page, get_page_models

SECRET_FIELDS = ("access_token", "app_secret", "signing_secret")


def public_page_types():
    """The page types a visitor can open (not the internal models, "Axes | access attempt", nor Wagtail's bare Page)."""
    models = [m for m in get_page_models() if m is not Page and m._meta.app_label != "wagtailcore"]
    ids = [ContentType.objects.get_for_model(m).pk for m in models]
    return ContentType.objects.filter(pk__in=ids).order_by("app_label", "model")


class ChannelForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in SECRET_FIELDS:
            if name in self.fields:
                self.fields[name].widget = forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"})
        if "page_types" in self.fields:
            self.fields["page_types"].queryset = public_page_types()
            self.fields["page_types"].label_from_instance = lambda ct: ct.model_class()._meta.verbose_name

    def clean(self):
        data = super().clean()
        for name in SECRET_FIELDS:
            if name in self.fields and not data.get(name) and self.instance.pk:
                data[name] = getattr(self.instance, name)
        return data
