"""Production settings pass `manage.py check --deploy` with no warning (target S5)."""

import pytest
from django.core.management import call_command


def test_check_deploy_has_no_warnings(settings) -> None:
    if settings.DEBUG:
        pytest.skip("production settings only")
    settings.SECURE_SSL_REDIRECT = True  # the suite turns it off to talk plain HTTP
    settings.SECRET_KEY = "a-long-random-production-secret-key-for-the-deploy-check-0123456789"
    call_command("check", "--deploy", "--fail-level", "WARNING")
