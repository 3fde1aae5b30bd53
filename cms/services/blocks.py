"""The StreamField blocks of a service guide: legal bases, materials (with templates to download) and steps."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock


class BasisBlock(blocks.StructBlock):
    """设定依据: a rule by name and article, linking the catalogue item where the rule is published."""

    title = blocks.CharBlock(label=_("Rule"), max_length=200, help_text=_("e.g. 《党政机关办公用房管理办法》第二十五条"))
    page = blocks.PageChooserBlock(required=False, label=_("Published in the catalogue"))

    class Meta:
        icon = "doc-full"
        label = _("Legal basis")


class MaterialBlock(blocks.StructBlock):
    """One item of 办理材料: its name, original or copy, how many, and a template to download."""

    name = blocks.CharBlock(label=_("Material"), max_length=200)
    form = blocks.ChoiceBlock(
        choices=[
            ("original", _("Original")),
            ("copy", _("Copy")),
            ("both", _("Original and copy")),
            ("electronic", _("Electronic")),
        ],
        default="original",
        label=_("Original or copy"),
    )
    copies = blocks.IntegerBlock(min_value=1, default=1, label=_("Number of copies"))
    required = blocks.BooleanBlock(required=False, default=True, label=_("Required"))
    template = DocumentChooserBlock(required=False, label=_("Template to download"))
    note = blocks.CharBlock(required=False, max_length=200, label=_("Note"))

    class Meta:
        icon = "doc-empty"
        label = _("Material")


class StepBlock(blocks.StructBlock):
    """One step of 办理流程: its name, who takes it and how long it takes."""

    name = blocks.CharBlock(label=_("Step"), max_length=40)
    actor = blocks.CharBlock(required=False, max_length=60, label=_("Who"))
    description = blocks.TextBlock(required=False, label=_("What happens"))
    workdays = blocks.IntegerBlock(required=False, min_value=0, label=_("Working days"))

    class Meta:
        icon = "arrow-right"
        label = _("Step")


class BasisList(blocks.StreamBlock):
    basis = BasisBlock()


class MaterialList(blocks.StreamBlock):
    material = MaterialBlock()


class StepList(blocks.StreamBlock):
    step = StepBlock()
