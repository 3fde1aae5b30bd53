"""The letters' site and staff fixtures, for the scan of published answers."""

from tests.interaction.letters.conftest import handler, mailbox, reviewer  # noqa: F401 - fixtures used by name
