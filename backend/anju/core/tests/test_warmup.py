import gc

import pytest
from django.test import override_settings

from anju.core.warmup import ready_web_process


@pytest.fixture
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_a_web_process_loads_its_urls_and_freezes_what_it_loaded(unfrozen):
    assert gc.get_freeze_count() == 0
    assert ready_web_process() is True
    assert gc.get_freeze_count() > 10_000  # Django, DRF and every view module


@override_settings(ANJU_GC_FREEZE=False)
def test_freezing_can_be_switched_off(unfrozen):
    assert ready_web_process() is False
    assert gc.get_freeze_count() == 0


@pytest.mark.parametrize("module", ["config.wsgi", "config.asgi"])
def test_the_entry_points_ready_the_process(unfrozen, module):
    import importlib
    import sys

    if module in sys.modules:
        importlib.reload(sys.modules[module])
    else:
        importlib.import_module(module)
    assert gc.get_freeze_count() > 10_000
