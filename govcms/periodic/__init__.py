"""Periodic jobs: `manage.py run_periodic` runs settings.PERIODIC_COMMANDS; the system checks of a live site."""
