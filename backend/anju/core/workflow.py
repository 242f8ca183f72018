"""One workflow engine for every record with states (work orders, complaints, appointments, return visits, …).

An app declares its workflow once, as a table (``Workflow``): the states, and per action the states it may start
from, the state it leads to, the permission it needs, its guards (assignee only, a time window, …), the fields it
stamps, whether it needs a reason, how the button looks (label, confirm, tone), and the event it records — named
``<noun>.<past-tense verb>`` like every event type (``work_order.dispatched`` for the action ``dispatch``). Everything
else is derived from that table:

- ``workflow.perform(action, obj, actor, …)``: lock the row → version → state → permission → guards → reason →
  the action's own field changes → state, stamps and version → the typed signal → one event on the timelines.
  Two people acting at once: the row lock serialises them and the second one finds the new state (409).
- ``workflow.allowed_actions(obj, actor)``: computed by the very same checks (``denial``), so the buttons a user
  sees are exactly the actions the server accepts; returned as ``{action, label, needs_reason, confirm, tone}``.
- the API: one ``POST …/{id}/<action>/`` per action and its permission-map entry
  (``anju.core.workflow_api.workflow_actions``); the permission-matrix rows for actions;
- ``docs/workflows.md``: a Mermaid diagram per workflow (``manage.py describe_workflows``; CI fails when stale).

Other apps react through the workflow's signal, which carries the action as the workflow's ``StrEnum`` member.
The table itself does no ORM writes and imports no services.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Generic, TypeVar

from django.db import models, transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from anju.core.errors import ApplicationError, ConflictError, CoreErrorCode
from anju.core.events import record_event
from anju.core.records import ensure_version

M = TypeVar("M", bound=models.Model)


class Tone(StrEnum):
    """How the button looks (Element Plus button types)."""

    PRIMARY = "primary"
    SUCCESS = "success"
    WARNING = "warning"
    DANGER = "danger"
    DEFAULT = "default"


@dataclass(frozen=True)
class Guard:
    """A rule beyond state and permission; ``check(obj, actor)`` is False when the action must be refused.

    ``actor`` is ``None`` for the system (the scheduler, a receiver): a guard about *who* acts lets it through.
    """

    name: str
    check: Callable[[Any, Any], bool]
    code: StrEnum  # the app's ``ErrorCode`` member
    message: str | Promise | Callable[[Any], str]  # a callable gets the object (e.g. to name a number of days)
    status: int = 409


@dataclass(frozen=True)
class Transition:
    sources: frozenset[str]
    target: str | None  # None: the state does not change (e.g. escalate, attempt)
    permission: str
    label: str | Promise
    guards: tuple[Guard, ...] = ()
    needs_reason: bool = False
    confirm: bool = False
    tone: Tone = Tone.DEFAULT
    stamp: str | None = None  # a timestamp field set to now
    sets: Mapping[str, Any] = field(default_factory=dict)  # fields set to a value (or ``callable(obj)``)
    applies: Callable[[Any], bool] | None = None  # e.g. only some order types; False hides the action entirely
    event: str = ""  # the event type recorded, ``<noun>.<past-tense verb>`` (``work_order.dispatched``); required


class Workflow(Generic[M]):
    """A state machine over ``model.<state_field>`` as one declarative table."""

    def __init__(
        self,
        *,
        name: str,
        model: type[M],
        states: Any,
        actions: type[StrEnum],
        transitions: Mapping[StrEnum, Transition],
        initial: str,
        state_field: str = "status",
        signal: Signal | None = None,
        signal_subject: str = "obj",
        event_target: Callable[[M], models.Model] | None = None,
        also_on: Callable[[M, str], Iterable[models.Model | None]] = lambda obj, action: (),
        not_allowed_code: StrEnum,
        not_allowed_message: str | Promise,
        reason_code: StrEnum = CoreErrorCode.WORKFLOW_REASON_REQUIRED,
        reason_message: str | Promise = "",
        reason_field: str = "reason",
        description: str = "",
    ) -> None:
        missing = set(actions) - set(transitions)
        if missing:  # pragma: no cover - a table that forgets an action fails at import time
            raise ValueError(f"{name}: no transition for {sorted(missing)}")
        unnamed = sorted(str(k) for k, v in transitions.items() if not v.event)
        if unnamed:  # pragma: no cover - every action names the event it records (``<noun>.<past-tense verb>``)
            raise ValueError(f"{name}: no event type for {unnamed}")
        self.name = name
        self.model = model
        self.states = states
        self.actions = actions
        self.transitions: dict[str, Transition] = {str(k): v for k, v in transitions.items()}
        self.initial = initial
        self.state_field = state_field
        self.signal = signal
        self.signal_subject = signal_subject
        self.event_target = event_target
        self.also_on = also_on
        self.not_allowed_code = not_allowed_code
        self.not_allowed_message = not_allowed_message
        self.reason_code = reason_code
        self.reason_message = reason_message
        self.reason_field = reason_field
        self.description = description
        _REGISTRY[name] = self

    # --- Reading the table ----------------------------------------------------------------------------------

    def state_of(self, obj: M) -> str:
        return str(getattr(obj, self.state_field))

    def spec(self, action: str) -> Transition:
        return self.transitions[str(action)]

    def event_type(self, action: str) -> str:
        """The event type ``action`` records (its table's ``event``)."""
        return self.spec(action).event

    def event_types(self) -> list[str]:
        """Every event type this workflow records, in table order."""
        return [spec.event for spec in self.transitions.values()]

    def applies(self, obj: M, action: str) -> bool:
        spec = self.transitions.get(str(action))
        return spec is not None and (spec.applies is None or spec.applies(obj))

    def can_move(self, obj: M, action: str) -> bool:
        """Does the table allow ``action`` from the object's state (ignoring who asks)?"""
        return self.applies(obj, action) and self.state_of(obj) in self.spec(action).sources

    def _failed_check(self, obj: M, actor: Any, action: str, check_permission: bool) -> Any:
        """The first check ``action`` fails for ``actor`` on ``obj`` now: ``None`` (none), ``"state"``,
        ``"permission"`` or the failing guard — what ``denial`` explains and ``allowed_actions`` only counts."""
        if not self.can_move(obj, action):
            return "state"
        spec = self.spec(action)
        if check_permission and actor is not None and not actor.has_perm(spec.permission):
            return "permission"
        for guard in spec.guards:
            if not guard.check(obj, actor):
                return guard
        return None

    def denial(self, obj: M, actor: Any, action: str, *, check_permission: bool = True) -> ApplicationError | None:
        """Why ``actor`` may not do ``action`` to ``obj`` now (``None``: they may). The one check for both the
        buttons and the server."""
        failed = self._failed_check(obj, actor, action, check_permission)
        if failed is None:
            return None
        if failed == "state":
            label = self._state_label(self.state_of(obj))
            return ConflictError(
                self.not_allowed_code,
                str(self.not_allowed_message) % {"state": label, "status": label, "stage": label},
                extra={"state": self.state_of(obj), "action": str(action)},
            )
        if failed == "permission":
            return ApplicationError(
                CoreErrorCode.AUTH_PERMISSION_DENIED, _("You do not have permission to do this."), status_code=403
            )
        message = failed.message(obj) if callable(failed.message) else str(failed.message)
        error = ConflictError if failed.status == 409 else ApplicationError
        return error(failed.code, message, status_code=failed.status, extra={"action": str(action)})

    def allowed_actions(self, obj: M, actor: Any) -> list[dict[str, Any]]:
        """The actions ``actor`` may do to ``obj`` now, in table order, with what the button needs (the checks of
        ``denial``, without writing out why the others are denied)."""
        result = []
        for name, spec in self.transitions.items():
            if self._failed_check(obj, actor, name, True) is None:
                result.append(
                    {
                        "action": name,
                        "label": str(spec.label),
                        "needs_reason": spec.needs_reason,
                        "confirm": spec.confirm,
                        "tone": str(spec.tone),
                    }
                )
        return result

    def _state_label(self, state: str) -> str:
        try:
            return str(self.states(state).label)
        except (ValueError, AttributeError):
            return state

    # --- Doing it -------------------------------------------------------------------------------------------

    def lock(self, obj: M) -> M:
        # No select_related: PostgreSQL refuses FOR UPDATE on the nullable side of an outer join.
        return self.model._default_manager.select_for_update().get(pk=obj.pk)

    def perform(
        self,
        action: str,
        obj: M,
        actor: Any,
        *,
        version: int | None = None,
        reason: str = "",
        change: Callable[[M], Mapping[str, Any] | None] | None = None,
        data: Mapping[str, Any] | None = None,
        note: str | None = None,
        locked: bool = False,
        check_permission: bool = True,
    ) -> M:
        """Do ``action``: lock → version → state, permission, guards → reason → ``change(obj)`` (the action's own
        fields and checks; returns event data) → state, stamp, ``sets``, version → event → signal.

        ``check_permission=False`` for a consequence of another action the actor was allowed to do (closing a
        complaint resolves its work order): state, guards and the event still apply, in the actor's name."""
        with transaction.atomic():
            current = obj if locked else self.lock(obj)
            ensure_version(current, version)
            refused = self.denial(current, actor, action, check_permission=check_permission)
            if refused is not None:
                raise refused
            spec = self.spec(action)
            if spec.needs_reason and not reason.strip():
                message = str(self.reason_message) or _("Give a reason.")
                raise ApplicationError(self.reason_code, message, fields={self.reason_field: [message]})
            before = self.state_of(current)
            extra = dict(change(current) or {}) if change is not None else {}
            if spec.target is not None:
                setattr(current, self.state_field, spec.target)
            if spec.stamp:
                setattr(current, spec.stamp, timezone.now())
            for name, value in spec.sets.items():
                setattr(current, name, value(current) if callable(value) else value)
            if hasattr(current, "version"):
                current.version += 1
            current.save()
            target = self.event_target(current) if self.event_target is not None else current
            # The action's event first, then the signal: what other apps do in reaction (a return visit scheduled on
            # completion, a complaint's order resolved) is recorded after the action that caused it, and this event
            # says the state the action left, whatever a receiver does next.
            record_event(
                target=target,
                type=self.event_type(str(action)),
                actor=actor,
                from_status=before,
                to_status=self.state_of(current),
                note=(reason if note is None else note)[:200],
                data={**(data or {}), **extra},
                also_on=list(self.also_on(current, str(action))),
            )
            if self.signal is not None:
                action_member = self.actions(str(action))
                self.signal.send(sender=self.model, **{self.signal_subject: current}, action=action_member, actor=actor)
            return current

    # --- Documentation --------------------------------------------------------------------------------------

    def mermaid(self) -> str:
        lines = ["stateDiagram-v2", f"    [*] --> {self.initial}"]
        for name, spec in self.transitions.items():
            for source in sorted(spec.sources):
                target = spec.target or source
                lines.append(f"    {source} --> {target}: {name}")
        return "\n".join(lines)


_REGISTRY: dict[str, Workflow[Any]] = {}


def registered_workflows() -> list[Workflow[Any]]:
    """Every workflow of every app (each app's ``workflow`` module is imported first)."""
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("workflow")
    return [_REGISTRY[name] for name in sorted(_REGISTRY)]
