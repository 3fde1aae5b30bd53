"""`manage.py run_periodic` (govcms.periodic): the one list of periodic jobs, run in order, a failing job not
stopping the others."""

from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command, get_commands
from django.utils import timezone


def _due_for_publishing(page):
    page.unpublish()
    revision = page.save_revision()
    revision.approved_go_live_at = timezone.now() - timedelta(minutes=1)
    revision.save()
    page.refresh_from_db()
    assert not page.live
    return page


def test_the_command_is_the_periodic_apps_and_every_job_exists():
    commands = get_commands()
    assert commands["run_periodic"] == "govcms.periodic"
    assert settings.PERIODIC_COMMANDS == [
        ["publish_scheduled"],
        ["search_queue", "--expired"],
        ["social_send"],
        ["disclosure_reminders"],
        ["letters_remind"],
        ["archive_pages", "--no-progress"],
        ["site_health", "--record"],
        ["check_links", "--due"],
        ["import_dataset", "--queued"],
        ["services_remind"],
    ]
    assert all(argv[0] in commands for argv in settings.PERIODIC_COMMANDS)


def test_run_periodic_publishes_past_due(site_tree):
    page = _due_for_publishing(site_tree.news)
    out = StringIO()
    call_command("run_periodic", stdout=out, stderr=StringIO())
    page.refresh_from_db()
    assert page.live
    assert "expired items queued" in out.getvalue()  # search_queue --expired ran too


def test_a_failing_job_does_not_stop_the_others(site_tree, settings):
    page = _due_for_publishing(site_tree.news)
    settings.PERIODIC_COMMANDS = [["no_such_command"], ["publish_scheduled"]]
    err = StringIO()
    with pytest.raises(SystemExit) as exited:
        call_command("run_periodic", stdout=StringIO(), stderr=err)
    assert exited.value.code == 1
    assert err.getvalue().startswith("no_such_command: Unknown command: 'no_such_command'")
    page.refresh_from_db()
    assert page.live
