"""The Django admin site, logging in through the same path as the API (security target S1).

Django's own admin login calls ``authenticate()`` directly, so it skipped the username and IP lockouts: it could be
used to guess passwords without limit, and it still logged a locked-out user in. Two fixes were possible: switch the
admin's password form off (staff would reach ``/admin/`` from a session opened by ``POST /api/v1/auth/login/``), or
keep the form and route it through the API's check. We keep the form, because the admin must stay usable where the
web app is not served (a fresh installation, DEBUG without a frontend build), and make it call
``services.authenticate_credentials``: the same lockout checks, the same recorded attempts, so failures on either
path count towards one limit and a lock holds on both. A refused login answers 429 with ``Retry-After``, like the API.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.http import HttpRequest, HttpResponse

from anju.accounts import services
from anju.core.errors import ApplicationError


class AdminLoginForm(AdminAuthenticationForm):
    """The admin's login form, checking credentials through ``services.authenticate_credentials``."""

    retry_after_seconds: int | None = None

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            try:
                self.user_cache = services.authenticate_credentials(request=self.request, username=username, password=password)
            except ApplicationError as exc:
                if exc.status_code == 429:
                    self.retry_after_seconds = int(exc.extra.get("retry_after_seconds", 1))
                    raise forms.ValidationError(exc.message, code="locked_out") from exc
                raise self.get_invalid_login_error() from exc
            self.confirm_login_allowed(self.user_cache)  # staff and active only
        return self.cleaned_data


class AdminSite(admin.AdminSite):
    login_form = AdminLoginForm

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        response = super().login(request, extra_context)
        form = getattr(response, "context_data", None) and response.context_data.get("form")  # type: ignore[attr-defined]
        if isinstance(form, AdminLoginForm) and form.retry_after_seconds is not None:
            response.status_code = 429
            response["Retry-After"] = str(form.retry_after_seconds)
        return response
