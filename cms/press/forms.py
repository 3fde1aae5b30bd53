"""The admin form for press conferences: a conference must name at least one speaker."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class PressConferenceForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        speakers = self.formsets.get("speakers")
        if speakers is not None and speakers.is_valid():
            kept = [
                f for f in speakers.forms if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("name")
            ]
            if not any(f.cleaned_data.get("role") == "speaker" for f in kept):
                self.add_error(
                    None,
                    ValidationError(
                        _("A press conference needs at least one speaker: add them under “Host and speakers”."),
                        code="no_speakers",
                    ),
                )
        return cleaned
