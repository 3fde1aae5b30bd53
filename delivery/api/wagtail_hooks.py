"""Admin integration: a page-header button leading to a page's headless preview URL, and the view showing it."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button
from wagtail.models import Page

from delivery.api import preview


def headless_preview(request, page_id: int):
    """Show the ready preview URL (signed, expiring) of the page's latest revision."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    api_url = preview.preview_url(request, page)
    frontend = getattr(settings, "HEADLESS_PREVIEW_FRONTEND_URL", "")
    return render(
        request,
        "headless/admin/preview.html",
        {
            "page": page,
            "api_url": api_url,
            "minutes": preview.lifetime() // 60,
            "frontend_url": f"{frontend}{'&' if '?' in frontend else '?'}token={api_url.split('token=', 1)[1]}"
            if frontend
            else "",
            "header_title": _("Headless preview"),
            "page_title": _("Headless preview"),
            "page_subtitle": page.title,
            "header_icon": "link",
        },
    )


@hooks.register("register_admin_urls")
def register_preview_url():
    return [path("headless/preview/<int:page_id>/", headless_preview, name="headless_preview")]


@hooks.register("register_page_header_buttons")
def preview_button(page, user, view_name, next_url=None):
    if page.depth > 1 and page.permissions_for_user(user).can_edit():
        yield Button(_("Headless preview"), reverse("headless_preview", args=[page.pk]), icon_name="link", priority=80)
