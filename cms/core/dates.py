"""Dates as readers in China read them: 2016年3月15日, and years for filters."""
import datetime

from django.utils import timezone


def chinese_date(value: datetime.date | datetime.datetime | None, with_time: bool = False) -> str:
    """Format a date as 2016年3月15日 (with 14:30 appended when with_time and value is a datetime)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        text = f"{value.year}年{value.month}月{value.day}日"
        if with_time:
            text += f" {value:%H:%M}"
        return text
    return f"{value.year}年{value.month}月{value.day}日"
