"""Press conferences (新闻发布会): host and speakers, Q&A transcript, photos, video, related documents."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.core import serializers as api
from cms.core.blocks import RICH_TEXT_FEATURES
from cms.core.models import IndexPage, SummaryMixin
from cms.press.forms import PressConferenceForm


class QuestionAnswerBlock(blocks.StructBlock):
    """One exchange of the transcript: who asked, for which outlet, who answered, the answer."""

    asker = blocks.CharBlock(label=_("Asked by"), required=False, help_text=_("Reporter's name, if given."))
    outlet = blocks.CharBlock(label=_("Outlet"), required=False, help_text=_("e.g. 湖南日报"))
    question = blocks.TextBlock(label=_("Question"))
    answerer = blocks.CharBlock(label=_("Answered by"))
    answer = blocks.RichTextBlock(label=_("Answer"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Question and answer")
        template = "press/blocks/qa.html"


class StatementBlock(blocks.StructBlock):
    """A speaker's statement (opening remarks, a policy release)."""

    speaker = blocks.CharBlock(label=_("Speaker"))
    text = blocks.RichTextBlock(label=_("Statement"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "user"
        label = _("Statement")
        template = "press/blocks/statement.html"


class TranscriptBlock(blocks.StreamBlock):
    statement = StatementBlock()
    qa = QuestionAnswerBlock()


class RelatedBlock(blocks.StreamBlock):
    page = blocks.PageChooserBlock(
        label=_("Related page"), page_type=["policy.PolicyPage", "policy.InterpretationPage", "disclosure.DisclosureItemPage"]
    )
    document = DocumentChooserBlock(label=_("Document"))


class PressIndexPage(IndexPage):
    """新闻发布会: the list of press conferences, newest first."""

    subpage_types = ["press.PressConferencePage"]
    template = "press/press_index_page.html"

    class Meta:
        verbose_name = _("press conferences index")
        verbose_name_plural = _("press conferences indexes")

    listing_name = "conferences"
    listing_per_page = 10

    def listing_items(self):
        return PressConferencePage.objects.live().public().child_of(self).order_by("-starts_at")


class PressConferencePage(SummaryMixin, Page):
    """A press conference as the press office publishes it."""

    api_fields = [
        APIField("starts_at"),
        APIField("venue"),
        APIField("summary"),
        APIField("speakers", serializer=api.SpeakerSerializer(many=True)),
        APIField("transcript"),
        APIField("photos", serializer=api.PhotoSerializer(many=True)),
        APIField("video", serializer=api.DocumentSerializer()),
        APIField("video_url"),
        APIField("related"),
    ]

    starts_at = models.DateTimeField(_("date and time"), default=timezone.now)
    venue = models.CharField(_("venue"), max_length=200)
    video = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("video file"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    video_url = models.URLField(_("video address"), blank=True, help_text=_("A page where the video is hosted."))
    transcript = StreamField(TranscriptBlock(), blank=True, verbose_name=_("transcript"))
    related = StreamField(RelatedBlock(), blank=True, verbose_name=_("related documents and policies"))

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldRowPanel([FieldPanel("starts_at"), FieldPanel("venue")])], heading=_("When and where")),
        InlinePanel("speakers", label=_("Host and speakers"), min_num=0),
        FieldPanel("summary"),
        FieldPanel("transcript"),
        InlinePanel("photos", label=_("Photos")),
        MultiFieldPanel([FieldPanel("video"), FieldPanel("video_url")], heading=_("Video")),
        FieldPanel("related"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("transcript"),
        index.SearchField("venue"),
        index.RelatedFields("speakers", [index.SearchField("name"), index.SearchField("title")]),
        index.FilterField("starts_at"),
    ]
    base_form_class = PressConferenceForm
    parent_page_types = ["press.PressIndexPage"]
    subpage_types: list[str] = []
    template = "press/press_conference_page.html"

    class Meta:
        verbose_name = _("press conference")
        verbose_name_plural = _("press conferences")

    @property
    def display_date(self):
        return timezone.localtime(self.starts_at).date()

    @property
    def host(self):
        return self.speakers.filter(role=Speaker.Role.HOST).first()

    def speaker_list(self):
        return self.speakers.filter(role=Speaker.Role.SPEAKER)


class Speaker(Orderable):
    """The host or a speaker of a press conference: name and title."""

    class Role(models.TextChoices):
        HOST = "host", _("Host")
        SPEAKER = "speaker", _("Speaker")

    page = ParentalKey(PressConferencePage, on_delete=models.CASCADE, related_name="speakers")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.SPEAKER)
    name = models.CharField(_("name"), max_length=60)
    title = models.CharField(_("title"), max_length=120, help_text=_("e.g. 省机关事务管理局副局长"))

    panels = [FieldRowPanel([FieldPanel("role"), FieldPanel("name"), FieldPanel("title")])]

    class Meta(Orderable.Meta):
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self) -> str:
        return f"{self.title} {self.name}"


class Photo(Orderable):
    """A photo from the press conference."""

    page = ParentalKey(PressConferencePage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey("wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+")
    caption = models.CharField(_("caption"), max_length=200, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("press photo")
        verbose_name_plural = _("press photos")
