"""Admin: 网页归档 in the Reports menu, for staff allowed to download the archive."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views


@hooks.register("register_admin_urls")
def archive_urls():
    return [
        path("webarchive/", views.ArchiveIndexView.as_view(), name="webarchive_index"),
        path("webarchive/<int:year>.warc.gz", views.download_year, name="webarchive_year"),
        path("webarchive/capture/<int:pk>.warc.gz", views.download_capture, name="webarchive_capture"),
    ]


class ArchiveMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(views.PERMISSION)


@hooks.register("register_reports_menu_item")
def archive_menu_item():
    return ArchiveMenuItem(_("Web archive"), reverse("webarchive_index"), icon_name="folder-open-inverse", order=900)
