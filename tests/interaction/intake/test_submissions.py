"""The three public forms through the intake: a form sent back with errors uses up nothing, one token makes one
submission, the honeypot refuses quietly (and counts, as letters always did)."""

import pytest

from interaction.disclosure_requests.models import DisclosureRequest
from interaction.errorreports.models import ErrorReport
from interaction.letters.models import Letter

from .forms import FORMS, token_of

MODELS = {
    "letter": (Letter, "form_token"),
    "application": (DisclosureRequest, "submission_token"),
    "report": (ErrorReport, "submission_token"),
}
RATES = {"letter": "LETTERS_WRITE_RATE", "application": "DISCLOSURE_REQUESTS_RATE", "report": "ERROR_REPORTS_RATE"}
SENT_BACK = {"letter": 400, "application": 400, "report": 400}  # every form sent back with errors answers 400

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("name", "url", "valid", "broken"), FORMS, ids=[f[0] for f in FORMS])
def test_a_form_sent_back_with_errors_uses_up_no_allowance(client, pages, settings, name, url, valid, broken):
    settings.__setattr__(RATES[name], "2/h")
    model, _ = MODELS[name]
    for _ in range(4):  # more than the allowance, all with errors
        response = client.post(url, valid(token_of(client, url), **broken))
        assert response.status_code == SENT_BACK[name]
    assert not model.objects.exists()
    for _ in range(2):  # the whole allowance is still there
        assert client.post(url, valid(token_of(client, url))).status_code == 302
    over = client.post(url, valid(token_of(client, url)))
    assert over.status_code == 429 and model.objects.count() == 2


@pytest.mark.parametrize(("name", "url", "valid", "broken"), FORMS, ids=[f[0] for f in FORMS])
def test_one_token_under_one_name_makes_one_submission(client, pages, name, url, valid, broken):
    html = client.get(url).content.decode()
    assert 'name="submission_token"' in html and "form_token" not in html
    token = token_of(client, url)
    assert client.post(url, valid(token, **broken)).status_code == SENT_BACK[name]  # corrected, then sent twice
    first = client.post(url, valid(token))
    again = client.post(url, valid(token))
    assert first.status_code == again.status_code == 302 and first["Location"] == again["Location"]
    model, column = MODELS[name]
    assert model.objects.count() == 1 and getattr(model.objects.get(), column) == token
    assert client.post(url, valid(token_of(client, url))).status_code == 302  # a new form: a new submission
    assert model.objects.count() == 2


@pytest.mark.parametrize(("name", "url", "valid", "broken"), FORMS, ids=[f[0] for f in FORMS])
def test_the_honeypot_refuses_quietly_and_counts(client, pages, settings, name, url, valid, broken):
    settings.__setattr__(RATES[name], "1/h")
    model, _ = MODELS[name]
    spam = client.post(url, valid(token_of(client, url), website="http://spam.example"))
    assert spam.status_code == 400 and not model.objects.exists()
    assert "Traceback" not in spam.content.decode() and 'name="website"' in spam.content.decode()
    # The robot's next try, from the same address, is held; another address is not.
    assert client.post(url, valid(token_of(client, url))).status_code == 429
    assert client.post(url, valid(token_of(client, url)), REMOTE_ADDR="10.9.8.7").status_code == 302
    assert model.objects.count() == 1


def test_a_letter_sent_back_with_errors_brings_no_picture_check(client, pages, settings):
    """LETTERS_CAPTCHA="after" reads the write allowance: errors use up nothing, so no picture appears for them."""
    settings.LETTERS_CAPTCHA = "after"
    for _ in range(3):
        html = client.post("/jzxx/write/", FORMS[0][2](token_of(client, "/jzxx/write/"), message="太短了")).content.decode()
        assert 'name="captcha_0"' not in html
    assert 'name="captcha_0"' not in client.get("/jzxx/write/").content.decode()
    assert client.post("/jzxx/write/", FORMS[0][2](token_of(client, "/jzxx/write/"))).status_code == 302
    assert 'name="captcha_0"' in client.get("/jzxx/write/").content.decode()  # after a letter sent, as before
