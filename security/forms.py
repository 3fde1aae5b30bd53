"""Admin upload forms (WAGTAILDOCS_DOCUMENT_FORM_BASE, WAGTAILIMAGES_IMAGE_FORM_BASE) that check file content."""
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from security.uploads import check_document, check_image, safe_file_name


class SafeDocumentForm(BaseDocumentForm):
    """Documents are accepted by their content (signature, container parts), with a safe file name."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and "file" in self.changed_data:
            file.name = safe_file_name(file.name, "document")
            check_document(file, file.name)
        return file


class SafeImageForm(BaseImageForm):
    """Images are opened, verified and decoded by Pillow before they are stored, with a safe file name."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and "file" in self.changed_data:
            file.name = safe_file_name(file.name, "image")
            check_image(file, file.name)
        return file
