"""What goes into a site backup and how it comes back: model selection, manifest, files and database load.

Files come from two stores: public media (the default storage: images, documents) under `media/`, and the private
files visitors sent with their personal data (govcms.storage: letter attachments, identity proofs) under `private/`.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import subprocess
import tarfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Model
from wagtail.models import Page

from govcms.storage import private_storage

FORMAT = "govcms-backup/1"
# Rows that migrate recreates (content types, permissions) or that rebuild themselves (sessions, search indexes).
EXCLUDED = {
    "contenttypes.contenttype",
    "auth.permission",
    "sessions.session",
    "wagtailsearch.indexentry",
    "sitesearch.searchentry",
    "sitesearch.indextask",
}


class FullPrecisionEncoder(DjangoJSONEncoder):
    """Django's JSON encoder, but datetimes and times keep their microseconds (its own cuts them to milliseconds)."""

    def default(self, o):
        if isinstance(o, (datetime.datetime, datetime.time)):
            return o.isoformat()
        return super().default(o)


class BackupError(Exception):
    """A backup archive that cannot be restored here; the message is one readable line."""


def backed_up_models() -> list[type[Model]]:
    """Every concrete, managed model of INSTALLED_APPS except EXCLUDED, in dependency order."""
    chosen = [m for m in apps.get_models() if m._meta.managed and not m._meta.proxy and m._meta.label_lower not in EXCLUDED]
    app_list = {}
    for model in chosen:
        app_list.setdefault(model._meta.app_config, []).append(model)
    return serializers.sort_dependencies(app_list.items(), allow_cycles=True)


def migration_state(using: str = "default") -> dict[str, list[str]]:
    applied = MigrationRecorder(connections[using]).applied_migrations()
    state: dict[str, list[str]] = {}
    for app_label, name in sorted(applied):
        state.setdefault(app_label, []).append(name)
    return state


def app_version() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "HEAD"], cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return out.stdout.strip() if out.returncode == 0 else "unknown"


def file_stores() -> dict:
    """The archive folder (and manifest key) of each file store, and the store."""
    return {"media": default_storage, "private": private_storage}


def stored_files(storage, directory: str = "") -> list[str]:
    """Every file name in a storage, read through the storage's API (so S3 works too)."""
    try:
        dirs, files = storage.listdir(directory)
    except FileNotFoundError:
        return []
    names = [f"{directory}/{f}" if directory else f for f in files]
    for sub in dirs:
        names += stored_files(storage, f"{directory}/{sub}" if directory else sub)
    return sorted(names)


def add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    tar.addfile(info, io.BytesIO(data))


def write_backup(output: Path, progress) -> dict:
    """Write the archive to `output`; `progress(iterable, desc, total)` wraps loops (tqdm). Returns the manifest."""
    models = backed_up_models()
    counts: dict[str, int] = {}
    objects = []
    for model in progress(models, "data", len(models)):
        rows = list(model._base_manager.order_by("pk"))
        counts[model._meta.label_lower] = len(rows)
        objects += rows
    rows = serializers.serialize("python", objects, use_natural_foreign_keys=True, use_natural_primary_keys=False)
    data = json.dumps(rows, cls=FullPrecisionEncoder, ensure_ascii=False).encode()
    checksums: dict[str, str] = {}
    with tarfile.open(output, "w:gz") as tar:
        add_bytes(tar, "data.json", data)
        for folder, storage in file_stores().items():
            names = stored_files(storage)
            checksums[folder] = {}
            for name in progress(names, folder, len(names)):
                with storage.open(name, "rb") as fh:
                    content = fh.read()
                checksums[folder][name] = hashlib.sha256(content).hexdigest()
                add_bytes(tar, f"{folder}/{name}", content)
        manifest = {
            "format": FORMAT,
            "app_version": app_version(),
            "migrations": migration_state(),
            "counts": counts,
            **checksums,
            "data_sha256": hashlib.sha256(data).hexdigest(),
        }
        add_bytes(tar, "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1).encode())
    return manifest


def read_backup(path: Path) -> tuple[dict, bytes, dict[str, bytes]]:
    """Read and verify a whole archive before anything is touched: manifest, data and media checksums."""
    try:
        with tarfile.open(path, "r:gz") as tar:
            members = {}
            for member in tar:
                if member.isfile():
                    members[member.name] = tar.extractfile(member).read()
    except FileNotFoundError:
        raise BackupError(f"backup file not found: {path}") from None
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise BackupError(f"backup archive is corrupted or truncated: {path} ({exc})") from None
    if "manifest.json" not in members or "data.json" not in members:
        raise BackupError(f"not a govcms backup (no manifest.json or data.json): {path}")
    try:
        manifest = json.loads(members["manifest.json"])
    except ValueError:
        raise BackupError(f"backup manifest is not valid JSON: {path}") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unsupported backup format {manifest.get('format')!r}, expected {FORMAT!r}")
    data = members["data.json"]
    if hashlib.sha256(data).hexdigest() != manifest.get("data_sha256"):
        raise BackupError("backup data does not match its manifest checksum (archive corrupted)")
    files = {}  # by archive path: media/… and private/…
    for folder in file_stores():
        for name, digest in manifest.get(folder, {}).items():  # archives from before private files have none
            content = members.get(f"{folder}/{name}")
            if content is None or hashlib.sha256(content).hexdigest() != digest:
                raise BackupError(f"{folder} file {name} is missing or corrupted in the archive")
            files[f"{folder}/{name}"] = content
    return manifest, data, files


def migration_mismatch(manifest: dict, using: str = "default") -> str | None:
    here = migration_state(using)
    there = manifest.get("migrations", {})
    for app_label in sorted(set(here) | set(there)):
        if set(here.get(app_label, [])) != set(there.get(app_label, [])):
            return app_label
    return None


def has_content(using: str = "default") -> bool:
    """True when the database holds more than what migrate creates (Wagtail's root and welcome pages)."""

    return get_user_model()._base_manager.using(using).exists() or Page.objects.using(using).count() > 2


def load_data(data: bytes, using: str = "default") -> int:
    """Replace every backed-up table's rows with the archive's, inside the caller's transaction."""
    connection = connections[using]
    models = backed_up_models()
    with connection.constraint_checks_disabled():
        for model in reversed(models):
            for field in model._meta.local_many_to_many:
                through = field.remote_field.through
                if through._meta.auto_created:
                    through._base_manager.using(using).all()._raw_delete(using)
            model._base_manager.using(using).all()._raw_delete(using)
        count = 0
        loaded_models = set()
        deferred = []
        for obj in serializers.deserialize("python", json.loads(data), using=using, handle_forward_references=True):
            obj.save(using=using)
            loaded_models.add(type(obj.object))
            if obj.deferred_fields:
                deferred.append(obj)
            count += 1
        for obj in deferred:
            obj.save_deferred_fields(using=using)
    connection.check_constraints(table_names=[m._meta.db_table for m in models])
    sequence_sql = connection.ops.sequence_reset_sql(no_style(), list(loaded_models))
    with connection.cursor() as cursor:
        for sql in sequence_sql:
            cursor.execute(sql)
    ContentType.objects.clear_cache()  # content types now have the archive's ids
    return count


def restore_files(files: dict[str, bytes], progress) -> None:
    """Put every file back in its store, under its own name (read_backup's keys: media/… and private/…)."""
    stores = file_stores()
    for path in progress(sorted(files), "files", len(files)):
        folder, name = path.split("/", 1)
        storage = stores[folder]
        if storage.exists(name):
            storage.delete(name)
        saved = storage.save(name, ContentFile(files[path]))
        if saved != name:
            raise BackupError(f"{folder} file {name} was stored as {saved}")
