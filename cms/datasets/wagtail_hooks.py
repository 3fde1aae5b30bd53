"""Admin: 数据开放 menu (upload a release, the releases with their progress and errors)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.datasets import admin_views


@hooks.register("register_admin_urls")
def urls():
    return [
        path("datasets/upload/", admin_views.upload, name="datasets_upload"),
        path("datasets/releases/", admin_views.releases, name="datasets_releases"),
        path("datasets/releases/<int:pk>/", admin_views.release_detail, name="datasets_release"),
        path("datasets/releases/<int:pk>/progress/", admin_views.release_progress, name="datasets_release_progress"),
        path("datasets/releases/<int:pk>/withdraw/", admin_views.withdraw, name="datasets_withdraw"),
        path("datasets/reads/", admin_views.reads, name="datasets_reads"),
    ]


class ReleasesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("datasets.view_release")


@hooks.register("register_admin_menu_item")
def menu():
    return ReleasesMenuItem(_("Data releases"), reverse("datasets_releases"), icon_name="table", order=330)
