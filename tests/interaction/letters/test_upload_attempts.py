"""Every letter sent with a file counts against a per-address allowance, whether or not the letter is accepted: the
report's eight invalid letters in a row with a large picture, all answered 400 before, are held after the sixth; the
refused ones open no file."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from interaction.letters.models import Letter
from tests.govcms.security.files import image_bytes, png_rgba
from tests.interaction.letters.test_flow import form_token, letter_data

pytestmark = pytest.mark.django_db


def test_invalid_letters_with_files_are_counted_and_then_held(client, mailbox, settings):
    settings.INTAKE_UPLOAD_ATTEMPTS_RATE = "6/h"
    codes = []
    for _ in range(8):
        picture = SimpleUploadedFile("现场.png", png_rgba(7999, 7999), content_type="image/png")
        data = letter_data(form_token(client), message="太短了", attachment=picture)
        codes.append(client.post("/jzxx/write/", data).status_code)
    assert codes == [400] * 6 + [429] * 2
    held = client.post("/jzxx/write/", letter_data(form_token(client), message="太短了", attachment=picture))
    html = held.content.decode()
    assert held.status_code == 429 and "太短了" in html  # what was typed is kept
    assert Letter.objects.count() == 0


def test_letters_without_files_are_not_held_by_it(client, mailbox, settings):
    settings.INTAKE_UPLOAD_ATTEMPTS_RATE = "1/h"
    photo = SimpleUploadedFile("现场.png", image_bytes(), content_type="image/png")
    assert client.post("/jzxx/write/", letter_data(form_token(client), attachment=photo)).status_code == 302
    assert client.post("/jzxx/write/", letter_data(form_token(client), subject="第二封来信的标题")).status_code == 302
    assert Letter.objects.count() == 2
