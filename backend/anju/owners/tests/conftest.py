from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from rest_framework.test import APIClient

from anju.workorders.tests.conftest import desk, today

__all__ = ["desk", "owner_client", "today"]


@pytest.fixture
def owner_client() -> Callable[..., APIClient]:
    """An API client signed in as ``customer`` in the owner realm (a real session and cookie)."""

    def make(customer: Any, *, language: str | None = None) -> APIClient:
        from anju.owners.signin import COOKIE_NAME, open_session

        client = APIClient()
        client.cookies[COOKIE_NAME] = open_session(customer=customer).key
        if language:
            client.credentials(HTTP_ACCEPT_LANGUAGE=language)
        return client

    return make
