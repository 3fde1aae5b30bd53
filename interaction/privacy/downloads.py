"""The admin's download of a visitor's file that holds personal data (a letter's attachment, an identity proof): only
for users who may see personal data, and every download logged."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from govcms.private_files import PrivateFileView

from .access import can_view, log_view


class PersonalDataFileView(PrivateFileView):
    """A PrivateFileView that also needs privacy.view_personal_data and logs each download as log_action."""

    log_action = ""

    def check(self, request, obj) -> None:
        if not can_view(request.user):
            raise PermissionDenied

    def opened(self, request, obj) -> None:
        log_view(request, obj, str(self.log_action))
