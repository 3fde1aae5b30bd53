"""manage.py redact_letter: letters as JSON lines on standard input, each answered with its subject, body and reply as
they would be published (for checking redaction in bulk, and for the tests)."""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from interaction.privacy.public import PublicContacts
from interaction.privacy.redact import redact

# What a line may give: the form's fields, then the texts to publish. Each key may be absent or empty where the letter
# has none, but a line must be a JSON object with at least one of the texts (subject, body, reply), no key outside
# these (a misspelt key would silently publish nothing), and text (or null) as values.
CONTACT_KEYS = ("phone", "email", "address", "id_number")
TEXT_KEYS = ("subject", "body", "reply")
KEYS = ("name", *CONTACT_KEYS, *TEXT_KEYS)


def published(letter: dict[str, str], public: PublicContacts | None = None) -> dict[str, str]:
    """The subject, body and reply of `letter` (the keys above, "" where none) as they would be published."""
    names = [letter["name"]] if letter.get("name") else []
    known = [letter[key] for key in CONTACT_KEYS if letter.get(key)]
    return {key: redact(letter.get(key) or "", names=names, known=known, public=public) for key in TEXT_KEYS}


class Command(BaseCommand):
    stealth_options = ("stdin",)  # the tests give the lines as a file object
    help = (
        "Read one JSON object per line (keys name, phone, email, address, id_number, subject, body, reply; absent or "
        "empty where none) and write one JSON object per line with subject, body and reply as they would be published."
    )

    def handle(self, *args, **options):
        stdin = options.get("stdin") or sys.stdin
        for number, line in enumerate(stdin, start=1):
            if not line.strip():
                continue
            out = published(self.parse(line, number))
            self.stdout.write(json.dumps(out, ensure_ascii=False))
            self.stdout.flush()

    def parse(self, line: str, number: int) -> dict[str, str]:
        try:
            letter = json.loads(line)
        except json.JSONDecodeError as error:
            raise CommandError(f"line {number}: not JSON ({error.msg} at column {error.colno})") from None
        if not isinstance(letter, dict):
            raise CommandError(f"line {number}: not a JSON object but {type(letter).__name__}")
        unknown = sorted(set(letter) - set(KEYS))
        if unknown:
            raise CommandError(f"line {number}: unknown key {', '.join(unknown)} (the keys are {', '.join(KEYS)})")
        if not set(letter) & set(TEXT_KEYS):
            raise CommandError(f"line {number}: missing key: give at least one of {', '.join(TEXT_KEYS)}")
        wrong = [key for key in KEYS if letter.get(key) is not None and not isinstance(letter[key], str)]
        if wrong:
            raise CommandError(f"line {number}: {', '.join(wrong)} must be text")
        return {key: letter.get(key) or "" for key in KEYS}
