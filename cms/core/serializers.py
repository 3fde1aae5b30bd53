"""Serialisers the page models' api_fields use (snippets, attachments, speakers, photos, linked pages): the shape of
the content in the headless API, declared beside the models that name them."""

from __future__ import annotations

from rest_framework import serializers
from wagtail.images.api.fields import ImageRenditionField


class OrganSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    short_name = serializers.CharField()
    code = serializers.CharField()


class TermSerializer(serializers.Serializer):
    """A topic or a genre."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.CharField()


class DocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    download_url = serializers.SerializerMethodField()

    def get_download_url(self, document) -> str:
        request = self.context.get("request")
        url = document.url
        return request.build_absolute_uri(url) if request else url


class AttachmentSerializer(serializers.Serializer):
    title = serializers.SerializerMethodField()
    document = DocumentSerializer()

    def get_title(self, attachment) -> str:
        return attachment.title or attachment.document.title


class SpeakerSerializer(serializers.Serializer):
    role = serializers.CharField()
    name = serializers.CharField()
    title = serializers.CharField()


class ImageSerializer(serializers.Serializer):
    """An image with its id, title and a web-sized rendition."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    rendition = ImageRenditionField("max-1200x1200", source="*")


class PhotoSerializer(serializers.Serializer):
    caption = serializers.CharField()
    image = ImageSerializer()


class PageLinkSerializer(serializers.Serializer):
    """Another page referred to by this one: id, title and public URL."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    html_url = serializers.SerializerMethodField()

    def get_html_url(self, page) -> str | None:
        return page.get_full_url(self.context.get("request"))


class PageLinkListSerializer(serializers.ListSerializer):
    child = PageLinkSerializer()
