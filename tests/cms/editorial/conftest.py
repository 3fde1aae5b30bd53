"""Fixtures of the editorial tests: the site with its roles set up, users in those roles, and the page editor's
own form read back from the admin's HTML so that tests post exactly what a browser would."""

import json
from io import StringIO

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.http import QueryDict
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.test.utils.form_data import querydict_from_html, rich_text


def member(name: str, group: str) -> User:
    user = User.objects.create_user(name, password="pw")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def roles(site_tree):
    out = StringIO()
    call_command("setup_roles", stdout=out)
    return site_tree, out.getvalue()


def flatten_block(block: blocks.Block, value, prefix: str, out: dict) -> None:
    """A block value as the StreamField editor's JavaScript posts it (the HTML holds it only as JSON)."""
    if isinstance(block, ImageBlock):
        out[f"{prefix}-image"] = value.pk if value else ""
        if value is not None and getattr(value, "decorative", False):
            out[f"{prefix}-decorative"] = "on"
        out[f"{prefix}-alt_text"] = getattr(value, "contextual_alt_text", "") or ""
    elif isinstance(block, blocks.StreamBlock):
        children = list(value or [])
        out[f"{prefix}-count"] = len(children)
        for i, child in enumerate(children):
            out.update(
                {
                    f"{prefix}-{i}-type": child.block_type,
                    f"{prefix}-{i}-deleted": "",
                    f"{prefix}-{i}-order": i,
                    f"{prefix}-{i}-id": child.id or "",
                }
            )
            flatten_block(child.block, child.value, f"{prefix}-{i}-value", out)
    elif isinstance(block, blocks.ListBlock):
        items = list(value or [])
        out[f"{prefix}-count"] = len(items)
        for i, item in enumerate(items):
            out.update({f"{prefix}-{i}-deleted": "", f"{prefix}-{i}-order": i, f"{prefix}-{i}-id": ""})
            flatten_block(block.child_block, item, f"{prefix}-{i}-value", out)
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            flatten_block(child, value.get(name) if value else None, f"{prefix}-{name}", out)
    elif isinstance(block, blocks.RichTextBlock):
        out[prefix] = rich_text(value.source if value else "")
    elif isinstance(block, blocks.ChooserBlock) or hasattr(value, "pk"):
        out[prefix] = value.pk if value is not None else ""
    elif isinstance(block, blocks.BooleanBlock):
        if value:
            out[prefix] = "on"
    else:
        out[prefix] = "" if value is None else value


def form_data(client, url: str, **changes) -> QueryDict:
    """The page form at `url` (edit or create view) as the browser would send it, with `changes` applied;
    a value given for `body` is HTML and is converted to the rich-text editor's format. StreamFields, which the
    HTML holds only as JSON for the editor's JavaScript, are added from the page's latest revision."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    page = response.context.get("page") if response.context else None
    if page is not None and page.pk:
        page = page.specific_class.objects.get(pk=page.pk).get_latest_revision_as_object()
        for field in page._meta.concrete_fields:
            if isinstance(field, StreamField):
                flat: dict = {}
                flatten_block(field.stream_block, getattr(page, field.name), field.name, flat)
                for key, value in flat.items():
                    data[key] = value
    for name, value in changes.items():
        if name == "body":
            value = rich_text(value)
        data[name] = value
    return data


def workflow_post(client, page, action: str, **extra):
    """What the page editor's "Request changes" / "Approve" buttons send (the comment comes from their modal)."""
    url = f"/admin/pages/{page.pk}/edit/"
    data = form_data(
        client,
        url,
        **{"action-workflow-action": "1", "workflow-action-name": action, "workflow-action-extra-data": json.dumps(extra)},
    )
    return client.post(url, data)
