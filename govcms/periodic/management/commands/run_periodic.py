"""Run every command in settings.PERIODIC_COMMANDS once, or every N seconds with --every N."""

import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the periodic jobs listed in settings.PERIODIC_COMMANDS."

    def add_arguments(self, parser):
        parser.add_argument("--every", type=int, default=0, help="Repeat every N seconds.")

    def handle(self, *args, every: int = 0, **options):
        while True:
            failed = 0
            for argv in getattr(settings, "PERIODIC_COMMANDS", []):
                try:
                    call_command(*argv, stdout=self.stdout, stderr=self.stderr)
                except Exception as exc:  # one failing job must not stop the others
                    failed += 1
                    self.stderr.write(f"{' '.join(argv)}: {exc}")
            if not every:
                if failed:
                    raise SystemExit(1)
                return
            time.sleep(every)
