"""Admin form for channels: credentials are write-only (never shown back; blank keeps the stored value)."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

SECRET_FIELDS = ("access_token", "app_secret", "signing_secret")


class ChannelForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in SECRET_FIELDS:
            if name in self.fields:
                self.fields[name].widget = forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"})

    def clean(self):
        data = super().clean()
        for name in SECRET_FIELDS:
            if name in self.fields and not data.get(name) and self.instance.pk:
                data[name] = getattr(self.instance, name)
        return data
