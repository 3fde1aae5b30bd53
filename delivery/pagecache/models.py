"""The content generation number: one row shared by every process; bumping it makes all cached pages stale."""

from django.db import connection, models
from django.db.models import F

_table_ready = False


class Generation(models.Model):
    value = models.BigIntegerField(default=0)

    @classmethod
    def current(cls) -> int:
        """Read on every cache hit, so in plain SQL: the ORM's query building cost more than the rest of a hit."""
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT value FROM {connection.ops.quote_name(cls._meta.db_table)} WHERE id = 1")
            row = cursor.fetchone()
        return row[0] if row else 0

    @classmethod
    def bump(cls) -> None:
        global _table_ready
        if not _table_ready:  # during migrations, before this app's table exists, there is nothing cached yet
            _table_ready = cls._meta.db_table in connection.introspection.table_names()
            if not _table_ready:
                return
        if not cls.objects.filter(pk=1).update(value=F("value") + 1):
            cls.objects.get_or_create(pk=1, defaults={"value": 1})
