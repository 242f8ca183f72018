"""The API of a workflow, generated from its table: one ``POST …/{id}/<action>/`` per action.

``@workflow_actions(WORKFLOW, …)`` on a viewset adds, for every action of the table, a DRF action whose
permission-map entry is the action's permission, whose request body is the action's input serializer (by default
``version`` + ``reason``) and whose OpenAPI entry is documented; there is no second list of actions to keep in
step with the table. The object is fetched through the viewset's scoped ``get_object`` first (another project's
record is a 404 before anything in the body is judged); then the action's service — or the engine's generic
``perform`` — runs, and the viewset's ``workflow_response(obj, action)`` answers.
"""

from __future__ import annotations

import keyword
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action as drf_action
from rest_framework.request import Request
from rest_framework.response import Response

from anju.core.serializers import validated_input
from anju.core.versioning import VersionedInputSerializer
from anju.core.workflow import Workflow


class ActionInputSerializer(VersionedInputSerializer):
    """The version you read and, where the action needs one, a reason."""

    reason = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class AllowedActionSerializer(serializers.Serializer):
    """One action the caller may do now: the button to show."""

    action = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # a serializer field named like Field.label
    needs_reason = serializers.BooleanField()
    confirm = serializers.BooleanField()
    tone = serializers.CharField(help_text="Element Plus button type: primary, success, warning, danger or default")


@dataclass(frozen=True)
class Endpoint:
    """How the API runs one action: its input and its service ``run(view, obj, data) -> obj``."""

    input: type[serializers.Serializer] = ActionInputSerializer
    run: Callable[[Any, Any, dict[str, Any]], Any] | None = None
    operation_id: str | None = None
    url_path: str | None = None  # default: the action's name with dashes (``no_show`` → ``no-show``)


_VIEWSETS: dict[str, type] = {}


def viewset_for(workflow: Workflow[Any]) -> type:
    """The viewset that serves ``workflow``'s actions (for generated tests and docs)."""
    if workflow.name not in _VIEWSETS:
        from django.urls import get_resolver

        get_resolver().url_patterns  # noqa: B018 - loading the URL configuration imports (and decorates) every viewset
    return _VIEWSETS[workflow.name]


_HTTP_VERBS = frozenset({"get", "post", "put", "patch", "delete", "head", "options", "trace"})


def action_url_path(workflow: Workflow[Any], action: str) -> str:
    cls = viewset_for(workflow)
    return str(getattr(cls, method_name(cls, action)).url_path)


def method_name(cls: type, action: str) -> str:
    """The viewset method for ``action`` (``dispatch`` would shadow ``View.dispatch``; ``return`` is a keyword; an action
    named after an HTTP verb, such as ``post``, would become the handler of every unmapped POST on the viewset)."""
    base = getattr(cls, "_workflow_base_attributes", None) or set(dir(cls))
    clashes = action in base or keyword.iskeyword(action) or action in _HTTP_VERBS
    return f"{action}_action" if clashes else action


def workflow_actions(
    workflow: Workflow[Any], *, response: Any, endpoints: Mapping[str, Endpoint] | None = None
) -> Callable[[type], type]:
    """Class decorator: the viewset gets one POST endpoint per action of ``workflow`` (see the module docstring).

    ``response``: the serializer class documented as the answer (the viewset's ``workflow_response`` builds it).
    """
    endpoints = dict(endpoints or {})

    def decorate(cls: type) -> type:
        if not hasattr(cls, "get_object") or not hasattr(cls, "permission_map"):  # e.g. a helper class slipped in below
            raise TypeError(f"workflow_actions decorates a scoped viewset, not {cls.__name__}")
        cls._workflow_base_attributes = set(dir(cls))  # type: ignore[attr-defined]  # before the actions are added
        permission_map = dict(getattr(cls, "permission_map", {}))
        for name, spec in workflow.transitions.items():
            endpoint = endpoints.get(name, Endpoint())
            method = method_name(cls, name)

            def handler(
                self: Any, request: Request, pk: str | None = None, *, _name: str = name, _endpoint: Endpoint = endpoint
            ) -> Response:
                self.workflow_action = _name  # for a service shared by several actions
                obj = self.get_object()
                data = validated_input(self, _endpoint.input)
                if _endpoint.run is not None:
                    result = _endpoint.run(self, obj, data)
                else:
                    result = workflow.perform(
                        _name, obj, request.user, version=data.get("version"), reason=data.get("reason", "")
                    )
                return self.workflow_response(result, _name)

            handler.__name__ = method
            handler.__doc__ = f"{spec.label}: {', '.join(sorted(spec.sources))} → {spec.target or 'same state'}."
            schema = extend_schema(
                request=endpoint.input,
                responses=response,
                operation_id=endpoint.operation_id,
                summary=str(spec.label),
            )
            bound = schema(
                drf_action(detail=True, methods=["post"], url_path=endpoint.url_path or name.replace("_", "-"), url_name=name)(
                    handler
                )
            )
            setattr(cls, method, bound)
            permission_map[method] = spec.permission
        cls.permission_map = permission_map  # type: ignore[attr-defined]
        cls.workflow = workflow  # type: ignore[attr-defined]
        _VIEWSETS[workflow.name] = cls
        return cls

    return decorate
