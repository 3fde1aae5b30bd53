"""How a file from govcms.storage's private storage leaves the site: one admin view and one response for every download
of a visitor's file (letters' attachments, applications' materials and 批复, identity proofs)."""

from __future__ import annotations

from django.db import models
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.views import View
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

# Nothing in the file may run or load anything, should a browser ever render it.
CONTENT_SECURITY_POLICY = "default-src 'none'; sandbox"


def private_file_response(file: FieldFile, name: str | None = None) -> FileResponse:
    """The file as a download (never shown inline: it came from a visitor, PDF or not), under its own name unless
    another is given; never sniffed as a page, never cached, and with a policy that lets nothing in it run."""
    response = FileResponse(file.open("rb"), as_attachment=True, filename=name or file.name.rsplit("/", 1)[-1])
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    return response


class PrivateFileView(PermissionCheckedMixin, View):
    """An admin view streaming one private file of an object to staff holding one of the model's permissions
    (any_permission_required). Subclasses say which file (get_file), and may add a rule (check) and a record of the
    download (opened); a missing object or file answers 404."""

    model: type[models.Model]
    any_permission_required = ["change", "view"]

    def get_object(self, pk) -> models.Model:
        return get_object_or_404(self.model, pk=pk)

    def get_file(self, obj) -> tuple[FieldFile | None, str | None]:
        """The file and the name to download it under (None: the file's own name)."""
        raise NotImplementedError

    def check(self, request: HttpRequest, obj) -> None:
        """A further rule for this object: raise PermissionDenied to refuse."""

    def opened(self, request: HttpRequest, obj) -> None:
        """Called just before the file is sent."""

    def get(self, request: HttpRequest, pk):
        obj = self.get_object(pk)
        self.check(request, obj)
        file, name = self.get_file(obj)
        if not file:
            raise Http404
        self.opened(request, obj)
        return private_file_response(file, name)
