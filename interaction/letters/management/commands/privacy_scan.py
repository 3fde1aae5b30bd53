"""`manage.py privacy_scan`: runs the current redaction over every published letter page and lists the pages whose
public text it would change; exit status 0 when none would, 1 when some would (for review in the admin report)."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from govcms.progress import progress
from interaction.letters.scan import published_pages, scan


class Command(BaseCommand):
    help = "List the published letter pages whose public text the current redaction would change (exit status 1 if any)."

    def handle(self, *args, **options):
        pages = published_pages()
        total = pages.count()

        def bar(items):
            return progress(items, total=total, desc="privacy_scan", unit="page", file=self.stderr)

        findings = scan(pages, bar)
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        for finding in findings:
            kinds = ", ".join(f"{kind}×{n}" for kind, n in sorted(finding.kinds.items()))
            self.stdout.write(
                f"{finding.page.full_url or finding.page.url_path}\t{base}{finding.edit_url}\t"
                f"review: {base}{finding.preview_url}\t{finding.count} item(s): {kinds}"
            )
        if findings:
            raise CommandError(f"privacy_scan: {len(findings)} of {total} published page(s) would change.", returncode=1)
        self.stdout.write(f"privacy_scan: none of {total} published page(s) would change.")
