"""Policy texts (政策文件) and their interpretations (政策解读), linked both ways.

Both are disclosed items: they carry the catalogue's metadata block and index number.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.search import index

from cms.core import serializers as api
from cms.disclosure.models import DisclosureItemPage


class PolicyPage(DisclosureItemPage):
    """A policy document; shows its validity and the interpretations that explain it."""

    api_fields = DisclosureItemPage.api_fields + [
        APIField("policy_level"),
        APIField("replaces", serializer=api.PageLinkSerializer()),
        APIField("replaced_by", serializer=api.PageLinkSerializer(many=True, source="replaced_by.live")),
        APIField("interpretations", serializer=api.PageLinkSerializer(many=True, source="live_interpretations")),
    ]

    class Level(models.TextChoices):
        NORMATIVE = "normative", _("Normative document")
        REGULATION = "regulation", _("Government regulation")
        OTHER = "other", _("Other policy document")

    policy_level = models.CharField(
        _("kind of policy"),
        max_length=12,
        choices=Level.choices,
        default=Level.NORMATIVE,
        help_text=_("规范性文件 are counted in the annual report."),
    )
    replaces = models.ForeignKey(
        "self",
        verbose_name=_("replaces"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaced_by",
        help_text=_("The earlier policy that this one replaces, if any."),
    )

    content_panels = (
        DisclosureItemPage.content_panels[:2]
        + [MultiFieldPanel([FieldPanel("policy_level"), FieldPanel("replaces")], heading=_("Policy"))]
        + DisclosureItemPage.content_panels[2:]
    )
    search_fields = DisclosureItemPage.search_fields + [index.FilterField("policy_level")]
    template = "policy/policy_page.html"

    class Meta:
        verbose_name = _("policy document")
        verbose_name_plural = _("policy documents")

    def live_interpretations(self):
        return self.interpretations.live().public().order_by("-publication_date")

    def clean(self) -> None:
        super().clean()
        if self.replaces_id and self.replaces_id == self.pk:
            raise ValidationError({"replaces": _("A policy cannot replace itself.")})


class InterpretationPage(DisclosureItemPage):
    """政策解读: a text, graphic or video explanation of one policy."""

    api_fields = DisclosureItemPage.api_fields + [
        APIField("policy", serializer=api.PageLinkSerializer()),
        APIField("kind"),
        APIField("graphic", serializer=api.ImageSerializer()),
        APIField("video", serializer=api.DocumentSerializer()),
        APIField("video_url"),
    ]

    class Kind(models.TextChoices):
        TEXT = "text", _("Text")
        GRAPHIC = "graphic", _("Graphic")
        VIDEO = "video", _("Video")

    policy = models.ForeignKey(
        PolicyPage,
        verbose_name=_("policy interpreted"),
        null=True,
        blank=False,
        on_delete=models.SET_NULL,
        related_name="interpretations",
    )
    kind = models.CharField(_("form of interpretation"), max_length=10, choices=Kind.choices, default=Kind.TEXT)
    graphic = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("graphic"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    video = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("video file"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    video_url = models.URLField(_("video address"), blank=True, help_text=_("A page where the video is hosted."))

    content_panels = (
        DisclosureItemPage.content_panels[:2]
        + [
            MultiFieldPanel(
                [FieldPanel("policy"), FieldPanel("kind"), FieldPanel("graphic"), FieldPanel("video"), FieldPanel("video_url")],
                heading=_("Interpretation"),
            ),
        ]
        + DisclosureItemPage.content_panels[2:]
    )
    template = "policy/interpretation_page.html"

    class Meta:
        verbose_name = _("policy interpretation")
        verbose_name_plural = _("policy interpretations")

    def clean(self) -> None:
        errors: dict = {}
        try:
            super().clean()
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if self.kind == self.Kind.GRAPHIC and not self.graphic_id:
            errors.setdefault("graphic", []).append(ValidationError(_("A graphic interpretation needs its graphic.")))
        if self.kind == self.Kind.VIDEO and not (self.video_id or self.video_url):
            errors.setdefault("video", []).append(
                ValidationError(_("A video interpretation needs a video file or a video address."))
            )
        if errors:
            raise ValidationError(errors)
