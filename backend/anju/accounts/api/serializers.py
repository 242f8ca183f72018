from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from anju.accounts.models import ApiToken, Department, User
from anju.accounts.roles import ROLES
from anju.core.serializers import InputSerializer, PartialInputMixin
from anju.core.versioning import VersionedInputSerializer

ROLE_CHOICES = [(name, label) for name, label in ROLES.items()]


class CredentialsSerializer(InputSerializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, trim_whitespace=False, style={"input_type": "password"})


class ProjectRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    city_company = serializers.IntegerField()


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    display_name = serializers.CharField()
    roles = serializers.ListField(child=serializers.CharField())
    permissions = serializers.ListField(child=serializers.CharField())
    projects = ProjectRefSerializer(many=True)
    dev_outbox = serializers.BooleanField(help_text="the development outbox screen is there for this user")


class TokenCreateSerializer(CredentialsSerializer):
    name = serializers.CharField(
        max_length=100, required=False, allow_blank=True, default="", help_text=_("A label to tell tokens apart.")
    )


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text=_("The key: shown only now, never again."))
    id = serializers.IntegerField()
    name = serializers.CharField()
    created_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField(help_text=_("When the token ends if it is not used before."))


class ApiTokenSerializer(serializers.ModelSerializer):
    """One of the caller's tokens, without its key."""

    expires_at = serializers.DateTimeField(read_only=True, help_text=_("When the token ends if it is not used before."))
    current = serializers.SerializerMethodField(help_text=_("The token this request was made with."))

    class Meta:
        model = ApiToken
        fields = ["id", "name", "created_at", "last_used_at", "expires_at", "current"]
        read_only_fields = fields

    def get_current(self, obj: ApiToken) -> bool:
        request = self.context.get("request")
        return getattr(request, "auth", None) == obj


class CsrfSerializer(serializers.Serializer):
    csrf_token = serializers.CharField()


class UserSerializer(serializers.ModelSerializer):
    roles = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["id", "username", "display_name", "email", "is_active", "roles", "last_login", "date_joined"]
        read_only_fields = fields

    def get_roles(self, obj: User) -> list[str]:
        return sorted(group.name for group in obj.groups.all())


class UserCreateSerializer(InputSerializer):
    username = serializers.RegexField(r"^[A-Za-z0-9_.@+-]{3,150}$", max_length=150)
    password = serializers.CharField(max_length=128, trim_whitespace=False)
    display_name = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    roles = serializers.ListField(child=serializers.ChoiceField(choices=ROLE_CHOICES), required=False, default=list)


class UserUpdateSerializer(InputSerializer):
    display_name = serializers.CharField(max_length=50, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    roles = serializers.ListField(child=serializers.ChoiceField(choices=ROLE_CHOICES), required=False)


class PasswordSerializer(InputSerializer):
    password = serializers.CharField(max_length=128, trim_whitespace=False)


class RoleSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    permissions = serializers.ListField(child=serializers.CharField())
    all_projects_allowed = serializers.BooleanField(help_text=_("May be bound to every project."))


class DepartmentContactSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.SerializerMethodField()

    def get_name(self, obj: User) -> str:
        return str(obj.display_name or obj.username)


class DepartmentSerializer(serializers.ModelSerializer):
    contacts = DepartmentContactSerializer(many=True, read_only=True)
    emails = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Department
        fields = ["id", "code", "name", "contacts", "emails", "is_active", "version"]
        read_only_fields = fields


class DepartmentInputSerializer(InputSerializer):
    code = serializers.RegexField(r"^[a-z][a-z0-9_-]*$", max_length=30)
    name = serializers.CharField(max_length=50)
    contacts = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), many=True, required=False, default=list
    )
    emails = serializers.ListField(child=serializers.CharField(max_length=254), required=False, default=list, max_length=20)
    is_active = serializers.BooleanField(required=False, default=True)


class DepartmentUpdateSerializer(PartialInputMixin, VersionedInputSerializer):
    name = serializers.CharField(max_length=50)
    contacts = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True), many=True)
    emails = serializers.ListField(child=serializers.CharField(max_length=254), max_length=20)
    is_active = serializers.BooleanField()
