"""One anatomy per app (issue 11 §3): error codes as constants in ``errors.py``; a read-only, scoped admin.

The checks read the source with ``ast`` (like ``test_architecture``), so a new raise with a bare string code, an app
without ``errors.py`` or an admin page that writes or reads unscoped fails here before review.
"""

from __future__ import annotations

import ast
import importlib
import re
from enum import StrEnum
from pathlib import Path

import pytest
from django.apps import apps

from anju.core.errors import CoreErrorCode

ANJU = Path(__file__).resolve().parent.parent / "anju"
CODE_GRAMMAR = re.compile(r"^[a-z_]+(\.[a-z0-9_]+)?$")  # ``<noun>.<reason>``, or a bare generic code (``not_found``)

# Calls whose argument is an error code: (function name, positional index or None, keyword names).
CODED_CALLS: dict[str, tuple[int | None, tuple[str, ...]]] = {
    "ApplicationError": (0, ("code",)),
    "ConflictError": (0, ("code",)),
    "Guard": (2, ("code",)),  # a workflow guard's refusal
    "Workflow": (None, ("not_allowed_code", "reason_code")),
    "error_body": (1, ("code",)),
}


def _app_configs() -> list:
    return [c for c in apps.get_app_configs() if c.name.startswith("anju.")]


def _source_files() -> list[Path]:
    return [
        p for p in sorted(ANJU.rglob("*.py")) if "tests" not in p.parts and "migrations" not in p.parts and p.name != "errors.py"
    ]


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Subscript):  # ``Workflow[Contract](…)``
        func = func.value
    return getattr(func, "id", getattr(func, "attr", ""))


def _is_literal(node: ast.expr) -> bool:
    if isinstance(node, ast.IfExp):
        return _is_literal(node.body) or _is_literal(node.orelse)
    return isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str))


def literal_codes(source: str, where: str = "") -> list[str]:
    """Places in ``source`` where a coded error gets its code as a string literal (or an f-string)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            position, keywords = CODED_CALLS.get(_name(node.func), (None, ()))
            arguments = [k.value for k in node.keywords if k.arg in keywords]
            if position is not None and len(node.args) > position:
                arguments.append(node.args[position])
            found += [f"{where}:{node.lineno}" for a in arguments if _is_literal(a)]
        elif isinstance(node, ast.FunctionDef):  # a helper's default code (``def _invalid(…, code="x.invalid")``)
            arguments_ = node.args
            positional = arguments_.posonlyargs + arguments_.args
            pairs = list(zip(positional[len(positional) - len(arguments_.defaults) :], arguments_.defaults, strict=True))
            pairs += [(a, d) for a, d in zip(arguments_.kwonlyargs, arguments_.kw_defaults, strict=True) if d is not None]
            found += [f"{where}:{node.lineno}" for a, d in pairs if a.arg == "code" and _is_literal(d)]
    return found


def _all_codes() -> dict[str, str]:
    codes = {str(member): "core" for member in CoreErrorCode}
    for config in _app_configs():
        try:
            module = importlib.import_module(f"{config.name}.errors")
        except ModuleNotFoundError:
            continue
        if hasattr(module, "ErrorCode"):
            codes.update({str(member): config.label for member in module.ErrorCode})
    return codes


def test_given_the_apps_when_looking_for_errors_py_then_every_app_with_models_has_an_error_code_enum() -> None:
    with_models = [c for c in _app_configs() if list(c.get_models()) and c.label != "core"]
    assert len(with_models) >= 15
    missing = []
    for config in with_models:
        try:
            module = importlib.import_module(f"{config.name}.errors")
        except ModuleNotFoundError:
            missing.append(config.label)
            continue
        if not (isinstance(getattr(module, "ErrorCode", None), type) and issubclass(module.ErrorCode, StrEnum)):
            missing.append(config.label)
    assert missing == [], f"apps without errors.py and its ErrorCode StrEnum: {missing}"


def test_given_every_error_code_enum_when_reading_the_values_then_they_follow_the_grammar_and_are_unique() -> None:
    for config in _app_configs():
        module = importlib.import_module(f"{config.name}.errors") if (ANJU / config.label / "errors.py").exists() else None
        enum = CoreErrorCode if config.label == "core" else getattr(module, "ErrorCode", None)
        if enum is None:
            continue
        values = [str(v) for v in enum.__members__.values()]
        assert len(set(values)) == len(values), f"{config.label}: two names for one code (an alias): {values}"
        assert [v for v in values if not CODE_GRAMMAR.match(v)] == [], config.label


def test_given_the_application_code_when_raising_a_coded_error_then_the_code_is_a_constant() -> None:
    found = []
    for path in _source_files():
        found += literal_codes(path.read_text(encoding="utf-8"), str(path.relative_to(ANJU)))
    assert found == [], f"coded errors with a string-literal code (use the app's ErrorCode): {found}"


def test_given_the_application_code_when_looking_for_known_codes_then_none_is_spelled_out_as_a_string() -> None:
    """Also a code passed through a variable (``field, code = "mobiles", "customer.duplicate_mobile"``)."""
    codes = _all_codes()
    spelled = []
    # ``events.py`` holds event types, another namespace: ``customer.erased`` is both an event and a refusal's code.
    for path in (p for p in _source_files() if p.name != "events.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and "." in node.value and node.value in codes:
                spelled.append(f"{path.relative_to(ANJU)}:{node.lineno} {node.value}")
    assert spelled == [], f"error codes written as strings outside errors.py: {spelled}"


@pytest.mark.parametrize(
    "source",
    [
        'raise ApplicationError("sales.bad", "m")',
        'raise ConflictError(code="sales.bad", message="m")',
        'raise ApplicationError(f"{code}_elsewhere", "m")',
        'G = Guard("name", check, "sales.bad", "m")',
        'W = Workflow[Contract](name="c", not_allowed_code="contract.step_not_allowed")',
        'def _invalid(field, message, code="handover.invalid"): ...',
        "raise ApplicationError('x.y' if late else 'x.z', 'm')",
    ],
)
def test_given_a_literal_code_when_checking_then_the_check_catches_it(source: str) -> None:
    assert literal_codes(source) != []


def test_given_constant_codes_when_checking_then_the_check_passes() -> None:
    source = (
        "raise ApplicationError(ErrorCode.BAD, 'm')\n"
        "G = Guard('name', check, ErrorCode.BAD, 'm')\n"
        "def _invalid(field, message, code=ErrorCode.INVALID): ...\n"
    )
    assert literal_codes(source) == []


# --- admin.py: a read-only, scoped page for the models support staff look up ------------------------------------

# Models with no admin page, and why. A model not here and not registered fails the test below: give it a page (with
# a row rule in ``core.visibility``) or a line here.
NOT_IN_ADMIN: dict[str, str] = {
    # machinery and security records
    "core.NumberSequence": "numbering counters",
    "core.Event": "read on each record's timeline, which filters events by the row rules",
    "core.EventLink": "part of an event",
    "core.AccessLog": "the personal-data access log, for the privacy officer's export, not support",
    "core.IdempotencyRecord": "replay cache of POST responses",
    "core.Heartbeat": "the scheduler's liveness row",
    "accounts.LoginAttempt": "security log (usernames, addresses)",
    "accounts.UserSession": "security record",
    "accounts.ApiToken": "secrets",
    "owners.SignInCode": "security record of the owner portal",
    "owners.OwnerSession": "security record of the owner portal",
    "properties.UserScope": "a user's data scope, shown on the user in the app",
    # personal inboxes and outgoing messages
    "notifications.Notification": "each user's own inbox",
    "notifications.NotificationAttachment": "part of a notification",
    "notifications.OutboxMessage": "texts and mail sent to people (personal data)",
    "notifications.OutboundEmail": "e-mails sent to customers (personal data, the address encrypted)",
    # parts of a record, read on the record (no row rule of their own)
    "customers.Tag": "a label list, read on customers",
    "customers.CustomerProject": "a customer's projects, read on the customer",
    "customers.CustomerMobile": "encrypted mobile numbers and their blind indexes",
    "warranty.WarrantyPolicy": "a project's warranty terms, read on the project's screens",
    "warranty.WarrantyResponsibility": "part of a warranty policy",
    "sales.SalesSettings": "a project's sales settings",
    "sales.PriceListItem": "part of a price list",
    "sales.SubscriptionBuyer": "part of a subscription",
    "sales.ContractBuyer": "part of a contract",
    "sales.Allocation": "part of a ledger entry",
    "mortgage.ChecklistItem": "part of a mortgage case",
    "certificates.ProjectMilestone": "a project's certificate dates",
    "certificates.SaleSnapshot": "the sale a case was opened from",
    "certificates.ChecklistItem": "part of a certificate case",
    "certificates.Delay": "part of a certificate case",
    "certificates.ClockAlert": "part of a certificate case",
    "workorders.ServiceSettings": "one settings row",
    "workorders.Team": "read on technicians",
    "workorders.TechnicianSkill": "part of a technician",
    "workorders.WorkOrderFollowUp": "part of a work order (its timeline)",
    "workorders.CostLine": "part of a work order",
    "workorders.Attachment": "photos and files of a work order",
    "workorders.TechnicianLoad": "a derived figure",
    "workorders.WorkOrderTally": "a derived figure (kept by database triggers)",
    "sla.CalendarYear": "read through the calendar screens",
    "sla.WorkingHours": "one settings row",
    "sla.SlaClock": "part of a work order",
    "sla.EscalationStep": "part of an SLA policy",
    "sla.EscalationLog": "part of a clock",
    "complaints.GroupAlertSettings": "one settings row",
    "complaints.ComplaintCategoryDepartment": "routing table, read on categories",
    "handover.BatchMember": "part of a batch",
    "handover.BatchTask": "part of a batch",
    "handover.Defect": "part of an inspection",
    "surveys.Survey": "a questionnaire, read through its campaigns",
    "surveys.Recipient": "the people asked (personal data), read on the campaign",
    "surveys.Answer": "what people said (personal data), read on the campaign",
    "surveys.Invitation": "who an automatic survey asked or skipped (personal data), read on its trigger",
    "surveys.SurveySettings": "a project's fatigue days and low-score threshold, read on the project's settings",
    "reports.Report": "no rows: it only carries the report permissions",
    "reports.OrderWorkTime": "a derived figure per order",
    "reports.ScheduledSend": "the sender's bookkeeping",
}

# The main models of each app: these must have a page.
MAIN_MODELS = [
    "accounts.User",
    "accounts.Department",
    "activities.Activity",
    "certificates.CertificateCase",
    "complaints.Complaint",
    "customers.Customer",
    "handover.HandoverBatch",
    "handover.Inspection",
    "mortgage.MortgageCase",
    "properties.Project",
    "properties.Unit",
    "reports.ReportSubscription",
    "sales.Contract",
    "sales.Subscription",
    "settlement.SettlementBatch",
    "sla.SlaPolicy",
    "surveys.Campaign",
    "visits.ReturnVisit",
    "warranty.Contractor",
    "workorders.WorkOrder",
]


def _anju_models() -> list:
    return [m for m in apps.get_models() if m.__module__.startswith("anju.") and not m._meta.auto_created]


def test_given_the_admin_site_when_listing_the_pages_then_every_anju_page_is_read_only_and_scoped() -> None:
    from django.contrib import admin

    from anju.core.admin import ReadOnlyScopedAdmin
    from anju.core.visibility import rule_for

    pages = {m: a for m, a in admin.site._registry.items() if m.__module__.startswith("anju.")}
    assert [type(a).__name__ for a in pages.values() if not isinstance(a, ReadOnlyScopedAdmin)] == []
    assert [m._meta.label for m in pages if rule_for(m) is None] == [], "a page without a row rule would list nothing"


def test_given_every_anju_model_when_checking_the_admin_then_it_has_a_page_or_a_stated_reason_not_to() -> None:
    from django.contrib import admin

    labels = {m._meta.label for m in _anju_models()}
    registered = {m._meta.label for m in admin.site._registry if m.__module__.startswith("anju.")}
    assert [label for label in MAIN_MODELS if label not in registered] == []
    assert sorted(labels - registered - set(NOT_IN_ADMIN)) == [], "give these a page or a reason in NOT_IN_ADMIN"
    assert sorted(set(NOT_IN_ADMIN) - labels) == [], "NOT_IN_ADMIN names a model that no longer exists"
    assert sorted(set(NOT_IN_ADMIN) & registered) == [], "NOT_IN_ADMIN names a model that now has a page"


def test_given_the_admin_pages_when_reading_their_columns_then_no_encrypted_column_or_blind_index_is_named() -> None:
    from django.contrib import admin

    from anju.core.models import CiphertextField

    shown = []
    for model, page in admin.site._registry.items():
        if not model.__module__.startswith("anju."):
            continue
        secret = {
            f.name
            for f in model._meta.get_fields()
            if isinstance(f, CiphertextField) or f.name.endswith(("_index", "ciphertext")) or f.name == "password"
        }
        named = {str(n).split("__")[0] for n in [*page.list_display, *page.list_filter, *page.search_fields]}
        shown += [f"{model._meta.label}.{n}" for n in named & secret]
    assert shown == []


# --- Event types: one grammar, ``<noun>.<past-tense verb>`` ----------------------------------------------------------

EVENT_GRAMMAR = re.compile(r"^[a-z][a-z_]*\.[a-z][a-z_]*$")  # snake_case noun, one dot, snake_case verb phrase
# Past forms that do not end in -ed. The verb phrase must hold a past-tense word: one ending in -ed or one of these.
IRREGULAR_PAST = frozenset(
    {"set", "reset", "sent", "put", "done", "made", "paid", "drawn", "withdrawn", "shown", "held", "overridden"}
)


def _is_past(word: str) -> bool:
    return word.endswith("ed") or word in IRREGULAR_PAST


def event_type_problem(value: str, action: str | None = None) -> str | None:
    """Why ``value`` is not ``<noun>.<past-tense verb>`` (``None``: it is). ``action``: the workflow action that records
    it, whose imperative name is no verb phrase unless it is already past tense (``hold`` → ``put_on_hold``)."""
    if not EVENT_GRAMMAR.match(value):
        return "not <noun>.<verb> (snake_case, exactly one dot)"
    verb = value.split(".", 1)[1]
    if not any(_is_past(word) for word in verb.split("_")):
        return f"{verb!r} is not past tense"
    if action is not None and verb == str(action) and not _is_past(str(action).split("_")[0]):
        return f"{verb!r} is the action's imperative name"
    return None


def _event_enums() -> list[type[StrEnum]]:
    from anju.core.events import CommonEvent

    found: list[type[StrEnum]] = [CommonEvent]
    for path in sorted(ANJU.glob("*/events.py")):
        if path.parent.name == "core":
            continue
        module = importlib.import_module(f"anju.{path.parent.name}.events")
        found += [
            v for v in vars(module).values() if isinstance(v, type) and issubclass(v, StrEnum) and v.__module__ == module.__name__
        ]
    return found


def test_given_every_events_enum_when_reading_the_values_then_each_is_noun_dot_past_tense_verb() -> None:
    enums = _event_enums()
    assert len(enums) >= 17  # CommonEvent and one per app's events.py
    problems = {f"{e.__name__}.{m.name} = {m.value!r}": event_type_problem(str(m)) for e in enums for m in e}
    assert {k: v for k, v in problems.items() if v} == {}


def test_given_every_workflow_action_when_reading_its_event_then_it_is_noun_dot_past_tense_verb() -> None:
    from anju.core.workflow import registered_workflows

    problems = {}
    for workflow in registered_workflows():
        events = workflow.event_types()
        assert len(set(events)) == len(events), f"{workflow.name}: two actions record one event type: {events}"
        for action, spec in workflow.transitions.items():
            problem = event_type_problem(spec.event, action)
            if problem:
                problems[f"{workflow.name}.{action} → {spec.event!r}"] = problem
    assert problems == {}


def test_given_every_event_type_when_comparing_them_then_no_two_members_or_actions_share_a_value() -> None:
    from anju.core.workflow import registered_workflows

    seen: dict[str, str] = {}
    clashes = []
    for enum in _event_enums():
        for member in enum:
            where = f"{enum.__name__}.{member.name}"
            if str(member) in seen:
                clashes.append(f"{where} and {seen[str(member)]}: {member.value}")
            seen[str(member)] = where
    # two workflows never record one event type (an action's event may be its app's enum member: ActivityEvent.CANCELLED)
    by_workflow: dict[str, str] = {}
    for workflow in registered_workflows():
        for action, spec in workflow.transitions.items():
            if spec.event in by_workflow:
                clashes.append(f"{workflow.name}.{action} and {by_workflow[spec.event]}: {spec.event}")
            by_workflow[spec.event] = f"{workflow.name}.{action}"
    assert clashes == []


def test_given_the_application_code_when_recording_an_event_then_its_type_is_no_string_literal() -> None:
    """Every type comes from an ``events.py`` enum or a workflow table, where the tests above read it."""
    literal = []
    for path in _source_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and _name(node.func) == "record_event":
                for keyword in node.keywords:
                    if keyword.arg == "type" and isinstance(keyword.value, ast.Constant | ast.JoinedStr):
                        literal.append(f"{path.relative_to(ANJU)}:{node.lineno}")
    assert literal == []


@pytest.mark.parametrize(
    ("value", "action"),
    [
        ("created", None),  # no noun
        ("attachment_added", None),
        ("survey_published", None),
        ("work_order.dispatch", None),  # imperative
        ("work_order.follow_up", None),
        ("appointment.no_show", None),
        ("work_order.hold", "hold"),
        ("Work_order.dispatched", None),
        ("work_order.dispatched.again", None),
        ("work-order.dispatched", None),
        ("mortgage_case.reject", "reject"),
    ],
)
def test_given_an_event_type_off_the_grammar_when_checking_then_the_check_catches_it(value: str, action: str | None) -> None:
    assert event_type_problem(value, action) is not None


@pytest.mark.parametrize(
    ("value", "action"),
    [
        ("record.created", None),
        ("work_order.put_on_hold", "hold"),
        ("warranty_responsibility.set", None),
        ("settlement_batch.sent_back", "send_back"),
        ("activity.sign_up_cancelled", None),
        ("user.password_reset", None),
    ],
)
def test_given_an_event_type_in_the_grammar_when_checking_then_the_check_passes(value: str, action: str | None) -> None:
    assert event_type_problem(value, action) is None
