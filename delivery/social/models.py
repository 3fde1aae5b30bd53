"""Channels (where posts go), posts (the outbox) and deliveries (one row per HTTP attempt)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_BASE_URLS = {
    "weibo": "https://api.weibo.com",
    "wechat": "https://api.weixin.qq.com",
    "mastodon": "https://mastodon.social",
    "webhook": "",
}


class Channel(models.Model):
    class Kind(models.TextChoices):
        WEIBO = "weibo", _("Weibo")
        WECHAT = "wechat", _("WeChat official account")
        MASTODON = "mastodon", _("Mastodon")
        WEBHOOK = "webhook", _("Webhook")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=100)
    enabled = models.BooleanField(_("enabled"), default=True)
    base_url = models.URLField(
        _("endpoint base URL"),
        blank=True,
        help_text=_(
            "Leave blank for the public default (Weibo, WeChat); the server URL for Mastodon; the full URL for a webhook."
        ),
    )
    access_token = models.CharField(_("access token"), max_length=500, blank=True)
    app_id = models.CharField(_("app ID"), max_length=100, blank=True)
    app_secret = models.CharField(_("app secret"), max_length=200, blank=True)
    signing_secret = models.CharField(_("webhook signing secret"), max_length=200, blank=True)
    page_types = models.ManyToManyField(
        "contenttypes.ContentType",
        verbose_name=_("page types"),
        blank=True,
        help_text=_("Publishing a page of one of these types drafts a post."),
    )

    class Meta:
        verbose_name = _("channel")
        verbose_name_plural = _("channels")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()})"

    @property
    def endpoint(self) -> str:
        return (self.base_url or DEFAULT_BASE_URLS[self.kind]).rstrip("/") if self.kind != "webhook" else self.base_url

    def missing_configuration(self) -> list[str]:
        """Names of the settings this channel still needs before it can send."""
        needed = {
            "weibo": ["access_token"],
            "wechat": ["app_id", "app_secret"],
            "mastodon": ["base_url", "access_token"],
            "webhook": ["base_url", "signing_secret"],
        }[self.kind]
        return [name for name in needed if not getattr(self, name)]

    @property
    def is_configured(self) -> bool:
        return not self.missing_configuration()

    def secrets(self) -> list[str]:
        return [s for s in (self.access_token, self.app_secret, self.signing_secret) if s]


class Post(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    channel = models.ForeignKey(Channel, verbose_name=_("channel"), on_delete=models.CASCADE, related_name="posts")
    page = models.ForeignKey("wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="social_posts")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    title = models.CharField(_("title"), max_length=255, blank=True)
    text = models.TextField(_("text"), help_text=_("The post text (Weibo, Mastodon) or the digest (WeChat)."))
    content_html = models.TextField(_("HTML content"), blank=True, help_text=_("WeChat article body."))
    link = models.URLField(_("link"), max_length=500)
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    remote_id = models.CharField(_("ID at the channel"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("social post")
        verbose_name_plural = _("social posts")
        ordering = ["-created_at"]
        permissions = [("approve_post", _("Can approve social posts")), ("send_post", _("Can send social posts"))]

    def __str__(self):
        return f"{self.channel.name}: {self.title or self.text[:30]}"

    @property
    def last_delivery(self):
        return self.deliveries.order_by("-created_at", "-pk").first()

    @property
    def last_error(self) -> str:
        delivery = self.last_delivery
        return delivery.error if delivery and self.status == self.Status.FAILED else ""


class Delivery(models.Model):
    post = models.ForeignKey(Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="deliveries")
    created_at = models.DateTimeField(_("time"), auto_now_add=True)
    method = models.CharField(_("method"), max_length=8)
    url = models.CharField(_("URL"), max_length=1000)
    request_body = models.TextField(_("request body"), blank=True)
    response_status = models.PositiveIntegerField(_("response status"), null=True, blank=True)
    response_body = models.TextField(_("response body"), blank=True)
    error = models.TextField(_("error"), blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.method} {self.url} → {self.response_status or self.error[:40]}"
