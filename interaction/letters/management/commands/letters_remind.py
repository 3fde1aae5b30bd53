"""`manage.py letters_remind`: e-mails each handler the open letters assigned to them that are overdue or nearly
due, and everyone who may assign letters those still unassigned (once a day per letter), for `run_periodic`."""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from interaction.letters.models import Letter


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
        mine: dict[object, list[Letter]] = defaultdict(list)
        unassigned: list[Letter] = []
        open_letters = (
            Letter.objects.filter(status__in=Letter.OPEN).select_related("assigned_to", "category").order_by("deadline", "pk")
        )
        for letter in open_letters:
            if not again and letter.reminded_on == today:
                continue
            letter.state = letter.deadline_state(today)
            if letter.state not in ("overdue", "due_soon"):
                continue
            letter.admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("letters:edit", args=[letter.pk])
            if letter.assigned_to is None:
                unassigned.append(letter)
            elif letter.assigned_to.email:
                mine[letter.assigned_to].append(letter)
        recipients = set(mine)
        if unassigned:
            recipients |= set(self.dispatchers())
        sent = 0
        reminded: set[int] = set()
        for user in sorted(recipients, key=lambda u: u.pk):
            letters = mine.get(user, [])
            both = [*letters, *unassigned]
            overdue = sum(1 for letter in both if letter.state == "overdue")
            subject = _("Letters to answer: %(count)d, of which %(overdue)d overdue") % {"count": len(both), "overdue": overdue}
            body = render_to_string(
                "letters/email/remind.txt",
                {"letters": letters, "unassigned": unassigned, "site_name": settings.WAGTAIL_SITE_NAME},
            )
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
            reminded.update(letter.pk for letter in both)
            sent += 1
        Letter.objects.filter(pk__in=reminded).update(reminded_on=today)
        return sent, len(reminded)

    @staticmethod
    def dispatchers():
        """Active staff who may change letters (and so assign them), superusers only when nobody else may."""
        users = get_user_model().objects
        staff = list(
            users.with_perm(
                "letters.change_letter", include_superusers=False, backend="django.contrib.auth.backends.ModelBackend"
            ).exclude(email="")
        )
        return staff or list(users.filter(is_active=True, is_superuser=True).exclude(email=""))
