from __future__ import annotations

from typing import Any, cast

from django.middleware.csrf import get_token
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import ensure_csrf_cookie
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from anju.accounts import selectors, services
from anju.accounts.api import serializers as s
from anju.accounts.api.filters import UserFilter
from anju.accounts.authentication import SessionAuthentication
from anju.accounts.models import User
from anju.accounts.roles import ALL_SCOPE_ROLES, ROLES, role_permissions
from anju.core.permissions import AUTHENTICATED
from anju.core.serializers import validated_input
from anju.core.viewsets import ScopedViewSet


def _actor(request: Request) -> User:
    """The caller (every endpoint using it requires a login before it runs)."""
    return cast(User, request.user)


class _CsrfEnforcingSession(SessionAuthentication):
    """Login is an unsafe request made from the browser: enforce CSRF even before a session exists."""

    def authenticate(self, request: Request) -> None:
        self.enforce_csrf(request)


class LoginView(APIView):
    authentication_classes = [_CsrfEnforcingSession]
    permission_classes = [AllowAny]

    @extend_schema(operation_id="auth_login", request=s.CredentialsSerializer, responses=s.MeSerializer, auth=[])
    def post(self, request: Request) -> Response:
        data = s.CredentialsSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.log_in(request=request._request, **data.validated_data)
        return Response(selectors.describe_me(user))


class LogoutView(APIView):
    permission_map = {"post": AUTHENTICATED}

    @extend_schema(operation_id="auth_logout", request=None, responses={204: None})
    def post(self, request: Request) -> Response:
        request._request.auth = request.auth  # type: ignore[attr-defined]
        services.log_out(request=request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeView(APIView):
    permission_map = {"get": AUTHENTICATED}

    @extend_schema(operation_id="auth_me", responses=s.MeSerializer)
    def get(self, request: Request) -> Response:
        return Response(selectors.describe_me(_actor(request)))


class TokenView(APIView):
    """A new token for integrations (no cookies involved, so no CSRF). The key is in this answer only."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]

    @extend_schema(operation_id="auth_token", request=s.TokenCreateSerializer, responses=s.TokenSerializer, auth=[])
    def post(self, request: Request) -> Response:
        data = s.TokenCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        token, key = services.issue_token(request=request._request, **data.validated_data)
        return Response(
            {"token": key, "id": token.pk, "name": token.name, "created_at": token.created_at, "expires_at": token.expires_at}
        )


class TokenViewSet(mixins.ListModelMixin, mixins.DestroyModelMixin, ScopedViewSet):
    """The caller's own integration tokens: list them (never their keys) and revoke one."""

    selector = staticmethod(lambda actor: selectors.list_live_tokens(actor=actor))

    serializer_class = s.ApiTokenSerializer
    pagination_class = None  # a handful per user (at most API_TOKENS["MAX_PER_USER"])
    permission_map = {"list": AUTHENTICATED, "destroy": AUTHENTICATED}

    @extend_schema(operation_id="auth_tokens_list")
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(operation_id="auth_tokens_destroy", responses={204: None})
    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        services.revoke_token(token=self.get_object())  # another user's token is not in the queryset: 404
        return Response(status=status.HTTP_204_NO_CONTENT)


@method_decorator(ensure_csrf_cookie, name="get")
class CsrfView(APIView):
    """Sets the CSRF cookie for the single-page app and returns the token."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]

    @extend_schema(operation_id="auth_csrf", responses=s.CsrfSerializer, auth=[])
    def get(self, request: Request) -> Response:
        return Response({"csrf_token": get_token(request._request)})


class RoleListView(APIView):
    permission_map = {"get": "auth.view_group"}

    @extend_schema(operation_id="roles_list", responses=s.RoleSerializer(many=True))
    def get(self, request: Request) -> Response:
        grants = role_permissions()
        return Response(
            [
                {"name": name, "label": str(label), "permissions": grants[name], "all_projects_allowed": name in ALL_SCOPE_ROLES}
                for name, label in ROLES.items()
            ]
        )


class UserViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    selector = staticmethod(lambda actor: selectors.list_users())
    filterset_class = UserFilter
    serializer_class = s.UserSerializer
    permission_map = {
        "list": "accounts.view_user",
        "retrieve": "accounts.view_user",
        "create": "accounts.add_user",
        "partial_update": "accounts.change_user",
        "set_password": "accounts.change_user",
        "deactivate": "accounts.deactivate_user",
        "activate": "accounts.deactivate_user",
    }

    @extend_schema(request=s.UserCreateSerializer, responses={201: s.UserSerializer})
    def create(self, request: Request) -> Response:
        data = s.UserCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.create_user(actor=_actor(request), **data.validated_data)
        return Response(s.UserSerializer(user).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.UserUpdateSerializer, responses=s.UserSerializer)
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        user = self.get_object()
        data = s.UserUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.update_user(actor=_actor(request), user=user, **data.validated_data)
        return Response(s.UserSerializer(user).data)

    @extend_schema(request=s.PasswordSerializer, responses={204: None})
    @action(detail=True, methods=["post"], url_path="set-password")
    def set_password(self, request: Request, pk: str | None = None) -> Response:
        user = self.get_object()
        data = s.PasswordSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.set_user_password(actor=_actor(request), user=user, password=data.validated_data["password"])
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses=s.UserSerializer)
    @action(detail=True, methods=["post"])
    def deactivate(self, request: Request, pk: str | None = None) -> Response:
        user = services.deactivate_user(actor=_actor(request), user=self.get_object())
        return Response(s.UserSerializer(user).data)

    @extend_schema(request=None, responses=s.UserSerializer)
    @action(detail=True, methods=["post"])
    def activate(self, request: Request, pk: str | None = None) -> Response:
        user = services.activate_user(actor=_actor(request), user=self.get_object())
        return Response(s.UserSerializer(user).data)


class DepartmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """部门: the responsible departments (company-wide) with their contacts; 系统管理员 keeps them."""

    selector = staticmethod(lambda actor: selectors.list_departments(actor=actor))
    serializer_class = s.DepartmentSerializer
    pagination_class = None
    http_method_names = ["get", "post", "patch", "head", "options"]
    permission_map = {
        "list": "accounts.view_department",
        "retrieve": "accounts.view_department",
        "create": "accounts.add_department",
        "partial_update": "accounts.change_department",
    }

    @extend_schema(request=s.DepartmentInputSerializer, responses={201: s.DepartmentSerializer})
    def create(self, request: Request) -> Response:
        data = validated_input(self, s.DepartmentInputSerializer)
        department = services.create_department(actor=_actor(request), **data)
        return Response(s.DepartmentSerializer(department).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.DepartmentUpdateSerializer, responses=s.DepartmentSerializer)
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        department = self.get_object()
        data = validated_input(self, s.DepartmentUpdateSerializer)
        version = data.pop("version", None)
        department = services.update_department(actor=_actor(request), department=department, values=data, version=version)
        return Response(s.DepartmentSerializer(department).data)
