"""Admin actions on social posts: approve, send now, retry, and export as JSON, CSV or plain text."""

import csv
import io
import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Post
from .sending import SendError, retry_post, send_post

EXPORT_FIELDS = ["id", "channel", "kind", "status", "title", "text", "link", "image", "approved_by", "approved_at"]


def _listing_url():
    return reverse("wagtailsnippets_social_post:list")


def _confirm(request, post, heading):
    return TemplateResponse(request, "social/confirm.html", {"post": post, "heading": heading, "back": _listing_url()})


def approve(request, pk):
    if not request.user.has_perm("social.approve_post"):
        raise PermissionDenied
    post = get_object_or_404(Post, pk=pk)
    if request.method != "POST":
        return _confirm(request, post, _("Approve"))
    if post.status != Post.Status.DRAFT:
        messages.error(request, _("Only a draft can be approved."))
    else:
        post.status, post.approved_by, post.approved_at = Post.Status.APPROVED, request.user, timezone.now()
        post.save(update_fields=["status", "approved_by", "approved_at"])
        messages.success(request, _("Post approved."))
    return redirect(_listing_url())


def send(request, pk, retry=False):
    if not request.user.has_perm("social.send_post"):
        raise PermissionDenied
    post = get_object_or_404(Post, pk=pk)
    if request.method != "POST":
        return _confirm(request, post, _("Retry") if retry else _("Send now"))
    try:
        post = retry_post(post) if retry else send_post(post)
    except SendError as exc:
        messages.error(request, _("Not sent: %(reason)s") % {"reason": exc})
        return redirect(_listing_url())
    if post.status == Post.Status.SENT:
        messages.success(request, _("Post sent."))
    else:
        messages.error(request, _("Sending failed: %(error)s") % {"error": post.last_error})
    return redirect(_listing_url())


def retry(request, pk):
    return send(request, pk, retry=True)


def _rows(posts):
    for post in posts:
        yield {
            "id": post.pk,
            "channel": post.channel.name,
            "kind": post.channel.kind,
            "status": post.status,
            "title": post.title,
            "text": post.text,
            "link": post.link,
            "image": post.image.file.url if post.image else "",
            "approved_by": post.approved_by.get_username() if post.approved_by else "",
            "approved_at": post.approved_at.isoformat() if post.approved_at else "",
        }


def export(request):
    """Export one post (?id=) or a filtered list (?status=&channel=) as ?format=json|csv|txt."""
    if not request.user.has_perm("social.view_post"):
        raise PermissionDenied
    posts = Post.objects.select_related("channel", "image", "approved_by").order_by("pk")
    for param, field in (("id", "pk"), ("status", "status"), ("channel", "channel_id")):
        value = request.GET.get(param)
        if value:
            if param != "status" and not value.isdigit():
                return JsonResponse({"error": _("Invalid %(name)s.") % {"name": param}}, status=400)
            posts = posts.filter(**{field: value})
    fmt = request.GET.get("format", "json")
    rows = list(_rows(posts))
    if fmt == "json":
        return JsonResponse({"posts": rows}, json_dumps_params={"ensure_ascii": False})
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=EXPORT_FIELDS)
        writer.writeheader()
        writer.writerows(rows)
        response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="social-posts.csv"'
        return response
    if fmt == "txt":
        text = "\n\n----\n\n".join(f"[{r['channel']}] {r['title']}\n{r['text']}\n{r['link']}" for r in rows)
        return HttpResponse(text, content_type="text/plain; charset=utf-8")
    return JsonResponse({"error": _("Unknown format %(format)s.") % {"format": json.dumps(fmt)}}, status=400)
