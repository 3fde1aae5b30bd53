"""Admin upload forms (WAGTAILDOCS_DOCUMENT_FORM_BASE, WAGTAILIMAGES_IMAGE_FORM_BASE) that check file content."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from govcms.security.uploads import check_document, check_image, safe_file_name


class OneFileErrorMixin:
    """Keeps the file field's own, specific message: once it has one, the model's generic checks of the then
    empty file (Wagtail's "extension '' not allowed") are not added under it."""

    def _post_clean(self):
        errors = self._errors.get("file") if self._errors else None
        count = len(errors) if errors else 0
        super()._post_clean()
        if count:
            del self._errors["file"][count:]


class SafeDocumentForm(OneFileErrorMixin, BaseDocumentForm):
    """Documents are accepted by their content (signature, container parts), with a safe file name."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and "file" in self.changed_data:
            file.name = safe_file_name(file.name, "document")
            check_document(file, file.name)
        return file


class SafeImageField(WagtailImageField):
    """Wagtail's image field, with Pillow's checks first: pixel count from the header, verify, full decode.

    Wagtail's own checks crash (500) on some truncated files; here every broken file is a form error.
    """

    def to_python(self, data):
        if data and hasattr(data, "read"):
            check_image(
                data,
                safe_file_name(getattr(data, "name", ""), "image"),
                getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", None),
            )
        try:
            return super().to_python(data)
        except ValidationError:
            raise
        except Exception:  # noqa: BLE001 - any other failure reading the image is a broken upload
            raise ValidationError(_("The image is damaged or cannot be read; it was refused."), code="broken_image") from None


class SafeImageForm(OneFileErrorMixin, BaseImageForm):
    """Images are opened, verified and decoded by Pillow before they are stored, with a safe file name."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None and not isinstance(field, SafeImageField):
            safe = SafeImageField(label=field.label, required=field.required, help_text=field.help_text)
            safe.widget = field.widget
            self.fields["file"] = safe

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and "file" in self.changed_data:
            file.name = safe_file_name(file.name, "image")
        return file
