"""Ready a web process before its first request (``config.wsgi``, ``config.asgi``; ADR 0017).

Django imports the URL configuration — and with it every view, serializer, filter set and their modules — on the first
request, so without this the first request of every gunicorn worker pays for it. Once everything is loaded, what was
loaded is moved out of the cyclic garbage collector's reach (``gc.freeze``): the collector otherwise walks those
~200,000 long-lived objects (modules, classes, functions, URL patterns, model metadata) in every full collection, a
pause of tens of milliseconds that lands on whichever request happens to allocate at that moment and, with two sync
workers, on every request queued behind it. Garbage made by requests is still collected as before.

``ANJU_GC_FREEZE=0`` leaves the collector as Python sets it.
"""

from __future__ import annotations

import gc

from django.conf import settings
from django.urls import get_resolver


def ready_web_process() -> bool:
    """Load every URL pattern now; then, unless switched off, freeze what is loaded. True when frozen."""
    resolver = get_resolver()
    _ = resolver.url_patterns  # imports the views and everything they import
    _ = resolver.reverse_dict  # the lookup tables Django builds lazily on the first reverse()
    if not settings.ANJU_GC_FREEZE:
        return False
    gc.collect()  # what loading left as garbage goes now, not frozen with the rest
    gc.freeze()
    return True
