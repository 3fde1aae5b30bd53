"""manage.py integration_token <system code> [--revoke-others]: issue a token for a business system and print it once."""

from django.core.management.base import BaseCommand, CommandError

from govcms.integrations.models import System


class Command(BaseCommand):
    help = "Issue an API token for a business system (printed once; only its hash is kept)."

    def add_arguments(self, parser):
        parser.add_argument("code", help="the system's code")
        parser.add_argument("--revoke-others", action="store_true", help="revoke the system's earlier tokens")

    def handle(self, *args, code, revoke_others, **options):
        system = System.objects.filter(code=code).first()
        if system is None:
            raise CommandError(f"no business system with the code {code!r} (add it under Settings → Business systems)")
        if revoke_others:
            for token in system.tokens.filter(revoked_at__isnull=True):
                token.revoke()
        self.stdout.write(system.issue_token())
