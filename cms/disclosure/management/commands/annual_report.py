"""`manage.py annual_report YEAR [--refresh] [--parent ID]`: the draft annual disclosure report for YEAR, its tables
filled from the site's records (cms/disclosure/report_generator.py)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page

from cms.disclosure.report_generator import ReportError, generate_report


class Command(BaseCommand):
    help = (
        "Create the draft annual report (政府信息公开工作年度报告) for YEAR in the national format, its figures drawn "
        "from the site's records; --refresh redraws the figures of an existing report in a new draft revision."
    )

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("--refresh", action="store_true", help="Redraw the figures of the year's existing report.")
        parser.add_argument("--parent", type=int, metavar="ID", help="The catalogue category (page id) to create it under.")

    def handle(self, *args, year: int, refresh: bool = False, parent: int | None = None, **options):
        parent_page = None
        if parent is not None:
            parent_page = Page.objects.filter(pk=parent).first()
            if parent_page is None:
                raise CommandError(f"No page with id {parent}.")
        try:
            page, created = generate_report(year, parent=parent_page, refresh=refresh)
        except ReportError as exc:
            raise CommandError(str(exc)) from exc
        problems = page.get_latest_revision_as_object().figure_problems()
        verb = "Created the draft" if created else "Refreshed the figures of"
        self.stdout.write(f"{verb} annual report for {year}: “{page.title}” (page {page.pk}).")
        for problem in problems:
            self.stdout.write(self.style.WARNING(f"Cannot be published yet: {problem}"))
