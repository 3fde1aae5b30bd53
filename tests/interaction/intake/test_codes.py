"""One alphabet for the tracking codes; letters' and applications' codes keep their formats and the defaults
their migrations name."""

import re

from interaction.disclosure_requests.models import DisclosureRequest, new_code
from interaction.intake.codes import ALPHABET, normalise_code, random_code
from interaction.letters.models import Letter, new_tracking_code


def test_codes_keep_their_formats():
    assert not set("0O1I") & set(ALPHABET)
    letters = {new_tracking_code() for _ in range(50)}
    assert len(letters) == 50 and all(re.fullmatch(f"[{ALPHABET}]{{12}}", c) for c in letters)
    assert all(re.fullmatch(rf"YSQ\d{{4}}[{ALPHABET}]{{8}}", new_code()) for _ in range(50))
    assert len(random_code(30)) == 30
    assert Letter._meta.get_field("tracking_code").default is new_tracking_code
    assert DisclosureRequest._meta.get_field("code").default is new_code
    assert normalise_code(" abcd-efgh 2345 ") == "ABCDEFGH2345"
