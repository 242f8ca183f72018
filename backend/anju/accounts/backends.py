"""The model backend with each user's permissions kept between requests (``anju.accounts.access``)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend

from anju.accounts import access


class CachedModelBackend(ModelBackend):
    """Django's ``ModelBackend``; the user's own and role permissions come from the access cache (two queries per
    request fewer), recomputed when the user's ``access_stamp`` changes."""

    def _get_permissions(self, user_obj: Any, obj: Any, from_name: str) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        attr = f"_{from_name}_perm_cache"
        if not hasattr(user_obj, attr):
            compute = super()._get_permissions  # type: ignore[misc]  # django-stubs omit the private helper
            found = access.cached(user_obj, f"perms:{from_name}", lambda: frozenset(compute(user_obj, obj, from_name)))
            setattr(user_obj, attr, set(found))
        return getattr(user_obj, attr)
