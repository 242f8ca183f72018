"""ASGI entry point."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_asgi_application()

from anju.core.warmup import ready_web_process  # noqa: E402 - needs the settings loaded above

ready_web_process()
