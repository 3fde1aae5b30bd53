"""StreamField blocks shared by every page type that has a flexible body."""

from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "hr", "link", "document-link", "image"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Level 2")), ("h3", _("Level 3")), ("h4", _("Level 4"))],
        default="h2",
        label=_("Level"),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading.html"


class FigureBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(required=False, label=_("Caption"))

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/figure.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(required=False, label=_("Link text"))

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "blocks/document.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quotation"))
    source = blocks.CharBlock(required=False, label=_("Source"))

    class Meta:
        icon = "openquote"
        label = _("Quotation")
        template = "blocks/quote.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Paragraph"), template="blocks/paragraph.html")
    figure = FigureBlock()
    table = TableBlock(label=_("Table"), template="blocks/table.html")
    document = DocumentLinkBlock()
    quote = QuoteBlock()

    class Meta:
        label = _("Body")

    def render_basic(self, value, context=None):
        """Wagtail's rendering, except that a heading never skips a level: below the page's h1 the first heading is
        at most an h2, and each next one at most one level deeper than the one before (WCAG 1.3.1; the Nu checker
        flags h1 → h3)."""
        parts, deepest = [], 1
        for child in value:
            child_context = context
            if child.block_type == "heading":
                deepest = min(int(child.value.get("level", "h2")[1]), deepest + 1)
                child_context = {**(context or {}), "heading_level": deepest}
            parts.append((child.render(context=child_context), child.block_type))
        return format_html_join("\n", '<div class="w-block-{1} block-{1}">{0}</div>', parts)
