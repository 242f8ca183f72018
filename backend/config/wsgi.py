"""WSGI entry point (gunicorn config.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

from anju.core.warmup import ready_web_process  # noqa: E402 - needs the settings loaded above

ready_web_process()
