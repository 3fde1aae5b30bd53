"""Sends every approved, unsent social post (run periodically)."""

from django.core.management.base import BaseCommand

from delivery.social.models import Post
from delivery.social.sending import SendError, send_post
from govcms.progress import progress


class Command(BaseCommand):
    help = "Send all approved social posts whose channel is enabled and configured."

    def handle(self, *args, **options):
        posts = list(Post.objects.filter(status=Post.Status.APPROVED, channel__enabled=True).select_related("channel"))
        sent = failed = skipped = 0
        for post in progress(posts, desc="social_send", unit="post", file=self.stderr, disable=not posts):
            try:
                result = send_post(post)
            except SendError:
                skipped += 1
                continue
            if result.status == Post.Status.SENT:
                sent += 1
            else:
                failed += 1
        self.stdout.write(f"sent {sent}, failed {failed}, skipped {skipped}")
