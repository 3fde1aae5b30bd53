"""Settings: base (shared), dev (runserver with demo), test (pytest), production (gunicorn)."""
