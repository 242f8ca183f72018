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


def test_workflow_doc_lists_every_work_order_action() -> None:
    from anju.workorders.workflow import ACTIONS

    text = (Path(__file__).resolve().parents[2] / "docs" / "workflows.md").read_text(encoding="utf-8")
    for action, spec in ACTIONS.items():
        assert f"| `{action}` |" in text, action
        assert spec.permission in text, action
