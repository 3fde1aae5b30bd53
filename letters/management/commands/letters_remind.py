"""`manage.py letters_remind`: e-mails each handler the open letters assigned to them that are overdue or nearly
due (once a day per letter), for `run_periodic` (PERIODIC_COMMANDS)."""
from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from letters.models import Letter


class Command(BaseCommand):
    help = "Remind handlers by e-mail of the letters assigned to them that are overdue or nearly due."

    def add_arguments(self, parser):
        parser.add_argument("--again", action="store_true", help="Remind even if a reminder was sent today.")

    def handle(self, *args, again: bool = False, **options):
        with override(settings.LANGUAGE_CODE):
            try:
                sent, letters = self.remind(again)
            except Exception as exc:  # one readable line instead of a traceback (e.g. the mail server is down)
                raise CommandError(f"letters_remind failed: {type(exc).__name__}: {exc}") from exc
        self.stdout.write(f"letters_remind: {sent} reminder(s) sent about {letters} letter(s).")

    def remind(self, again: bool) -> tuple[int, int]:
        today = timezone.localdate()
        due: dict[object, list[Letter]] = defaultdict(list)
        open_letters = (Letter.objects.filter(status__in=Letter.OPEN, assigned_to__isnull=False)
                        .select_related("assigned_to", "category").order_by("deadline", "pk"))
        for letter in open_letters:
            if not again and letter.reminded_on == today:
                continue
            letter.state = letter.deadline_state(today)
            if letter.state in ("overdue", "due_soon") and letter.assigned_to.email:
                letter.admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
                    "letters:edit", args=[letter.pk])
                due[letter.assigned_to].append(letter)
        sent = count = 0
        for user, letters in due.items():
            overdue = sum(1 for letter in letters if letter.state == "overdue")
            subject = _("Letters to answer: %(count)d, of which %(overdue)d overdue") % {
                "count": len(letters), "overdue": overdue}
            body = render_to_string("letters/email/remind.txt", {"letters": letters, "site_name": settings.WAGTAIL_SITE_NAME})
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
            Letter.objects.filter(pk__in=[letter.pk for letter in letters]).update(reminded_on=today)
            sent += 1
            count += len(letters)
        return sent, count
