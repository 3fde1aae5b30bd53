"""Whole-site backups: one tar.gz archive of every model's data, every media file and a manifest."""
