"""Docs that are generated from code must stay true."""

from pathlib import Path

from anju.accounts.management.commands.describe_roles import render_roles_markdown

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_roles_doc_is_current() -> None:
    expected = render_roles_markdown()
    assert (DOCS / "roles.md").read_text(encoding="utf-8") == expected, "run: make docs-roles"


def test_every_translatable_message_has_a_chinese_translation() -> None:
    po = (Path(__file__).resolve().parents[1] / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    blocks = po.split("\n\n")[1:]
    untranslated = [b for b in blocks if 'msgstr ""' in b and "msgid_plural" not in b]
    assert untranslated == []


def test_workflow_doc_is_current() -> None:
    from anju.core.management.commands.describe_workflows import render_workflows_markdown

    assert (DOCS / "workflows.md").read_text(encoding="utf-8") == render_workflows_markdown(), "run: make docs-workflows"


def _recorded_event_types() -> set[str]:
    """Every ``type=`` given to ``record_event`` in the application code (f-strings as ``prefix.*``)."""
    import ast

    found: set[str] = set()
    for path in (Path(__file__).resolve().parents[1] / "anju").rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "record_event"):
                continue
            for keyword in node.keywords:
                if keyword.arg != "type":
                    continue
                if isinstance(keyword.value, ast.Constant):
                    found.add(str(keyword.value.value))
                elif isinstance(keyword.value, ast.JoinedStr) and isinstance(keyword.value.values[0], ast.Constant):
                    found.add(str(keyword.value.values[0].value).rstrip(".") + ".*")
    # the event types each app declares (``events.py``) and ``CommonEvent``
    import importlib
    from enum import StrEnum

    from anju.core.events import CommonEvent

    found |= {str(member) for member in CommonEvent}
    for path in (Path(__file__).resolve().parents[1] / "anju").glob("*/events.py"):
        module = importlib.import_module(f"anju.{path.parent.name}.events")
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, StrEnum) and value is not StrEnum:
                found |= {str(member) for member in value}
    # the workflow engine records one event per action, typed by its table
    from anju.core.workflow import registered_workflows

    for workflow in registered_workflows():
        found |= {workflow.event_type(action) for action in workflow.transitions}
    return found


def test_every_timeline_event_has_a_label_in_both_languages() -> None:
    import re

    types = _recorded_event_types()
    assert {"record.created", "customer.erased", "work_order.dispatched", "return_visit.outcome_recorded"} <= types  # seen
    for language in ("zh-CN", "en-US"):
        # the shell's messages (src/i18n/<language>/core.ts) hold the event labels, then the target names
        shell = Path(__file__).resolve().parents[2] / "frontend" / "src" / "i18n" / language / "core.ts"
        text = shell.read_text(encoding="utf-8")
        events = text[text.index("  events: {") : text.index("  targets: {")]
        for event_type in types:
            key = event_type.removesuffix(".*") if event_type.endswith(".*") else event_type
            if event_type.endswith(".*"):
                pattern = rf"\b{re.escape(key)}: \{{"
            elif "." in key:  # ``work_order.dispatched`` is ``work_order: { dispatched: '…' }``
                prefix, leaf = key.split(".", 1)
                pattern = rf"\b{re.escape(prefix)}: \{{[^}}]*\b{re.escape(leaf)}: '"
            else:
                pattern = rf"\b{re.escape(key)}: '"
            assert re.search(pattern, events), f"{language}: no timeline label for event type {event_type!r}"
        # and no label is left for an event type that is no more (``<noun>: { <verb>: '…', … },`` a line each)
        labelled = {
            f"{noun}.{verb}"
            for noun, inner in re.findall(r"^    ([a-z_]+): \{ (.*) \},$", events, re.M)
            for verb in re.findall(r"([a-z_]+): '", inner)
        }
        assert labelled - types == set(), f"{language}: labels for event types nothing records"
