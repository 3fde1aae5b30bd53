"""Template filters for Chinese dates: {{ page.publication_date|cn_date }} gives 2016年3月15日."""

from django import template

from cms.core.dates import chinese_date

register = template.Library()


@register.filter
def cn_date(value):
    return chinese_date(value)


@register.filter
def cn_datetime(value):
    return chinese_date(value, with_time=True)
