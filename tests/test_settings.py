"""Production settings: the deployment check is clean, and a missing secret is refused."""

import os
import subprocess
import sys

from django.conf import settings

PRODUCTION = {"DEBUG": "0", "SECRET_KEY": "x" * 60 + "-production-test-key", "ALLOWED_HOSTS": "claimbook.example"}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_nothing_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", env={**PRODUCTION, "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_a_log_line_is_printed_once_in_development():
    """The worker's task log and Django's warnings went out twice with DEBUG on (Django's console and root's)."""
    script = (
        "import logging; logging.getLogger('django.tasks').info('task-line');"
        " logging.getLogger('django.request').warning('request-line');"
        " logging.getLogger('annotations.pretagging.services').info('app-line')"
    )
    result = manage("shell", "-c", script, env={"DEBUG": "1"})
    assert result.returncode == 0, result.stderr
    printed = result.stdout + result.stderr
    assert [printed.count(line) for line in ("task-line", "request-line", "app-line")] == [1, 1, 1], printed
