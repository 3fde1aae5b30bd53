"""Registers channels, posts and deliveries in the admin (新媒体 menu), with approve/send/retry/export buttons."""

from django.contrib import messages
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.press.models import PressConferencePage

from . import views
from .forms import ChannelForm
from .models import Channel, Delivery, Post


class ChannelViewSet(SnippetViewSet):
    model = Channel
    icon = "site"
    list_display = ["name", "kind", "enabled", "endpoint"]
    list_filter = ["kind", "enabled"]
    edit_handler = ObjectList(
        [
            FieldPanel("kind"),
            FieldPanel("name"),
            FieldPanel("enabled"),
            FieldPanel("base_url"),
            FieldPanel("access_token"),
            FieldPanel("app_id"),
            FieldPanel("app_secret"),
            FieldPanel("signing_secret"),
            FieldPanel("page_types"),
        ],
        base_form_class=ChannelForm,
    )


class PostViewSet(SnippetViewSet):
    model = Post
    icon = "comment"
    list_display = ["__str__", "channel", "status", "approved_by", "created_at", "last_error"]
    list_filter = ["status", "channel"]
    panels = [FieldPanel("title"), FieldPanel("text"), FieldPanel("content_html"), FieldPanel("link"), FieldPanel("image")]


class DeliveryViewSet(SnippetViewSet):
    model = Delivery
    icon = "history"
    list_display = ["post", "method", "url", "response_status", "error", "duration_ms", "created_at"]
    list_filter = ["post__channel"]
    inspect_view_enabled = True


class SocialGroup(SnippetViewSetGroup):
    items = (PostViewSet, ChannelViewSet, DeliveryViewSet)
    menu_label = _("Social media")
    menu_icon = "comment"
    menu_name = "social"


register_snippet(SocialGroup)


@hooks.register("register_admin_urls")
def social_urls():
    return [
        path("social/post/<int:pk>/approve/", views.approve, name="social_approve"),
        path("social/post/<int:pk>/send/", views.send, name="social_send"),
        path("social/post/<int:pk>/retry/", views.retry, name="social_retry"),
        path("social/export/", views.export, name="social_export"),
    ]


@hooks.register("register_snippet_listing_buttons")
def post_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, Post):
        return []
    buttons = []
    if snippet.status == Post.Status.DRAFT and user.has_perm("social.approve_post"):
        buttons.append(Button(_("Approve"), reverse("social_approve", args=[snippet.pk]), priority=5))
    if snippet.status == Post.Status.APPROVED and user.has_perm("social.send_post"):
        buttons.append(Button(_("Send now"), reverse("social_send", args=[snippet.pk]), priority=6))
    if snippet.status == Post.Status.FAILED and user.has_perm("social.send_post"):
        buttons.append(Button(_("Retry"), reverse("social_retry", args=[snippet.pk]), priority=6))
    buttons.append(Button(_("Export"), reverse("social_export") + f"?id={snippet.pk}&format=txt", priority=7))
    return buttons


@hooks.register("after_publish_page")
def warn_when_no_channel_relays(request, page):
    """A press conference is published to be relayed: say so when no enabled channel takes it (nothing is drafted)."""
    if not isinstance(page.specific, PressConferencePage):
        return
    if not Channel.objects.filter(enabled=True, page_types=page.content_type_id).exists():
        messages.warning(
            request,
            gettext(
                "No social media channel takes press conferences, so no post was drafted. A site administrator can "
                "add one under 新媒体 → Channels (with this page type ticked); then draft the post there."
            ),
        )
