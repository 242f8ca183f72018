"""A timeline names projects and buildings as people do (the project's name, not its code), and only the reader's."""

from __future__ import annotations

import pytest

from anju.core.visibility import redact_changes
from conftest import World

pytestmark = pytest.mark.django_db


def test_given_recorded_project_codes_when_a_reader_of_every_project_reads_them_then_they_are_named(world: World) -> None:
    changes = {"projects": [["PA"], ["PA", "PB", "OLD"]], "status": ["active", "on_leave"]}
    shown = redact_changes(changes, world.admin)
    assert shown["projects"] == [["项目A"], ["项目A", "项目B", "OLD"]]  # a code no longer on file stays as recorded
    assert shown["status"] == ["active", "on_leave"]


def test_given_recorded_buildings_when_a_project_b_reader_reads_them_then_only_project_b_is_named(world: World) -> None:
    agent_b = world.user("names_agent_b", role="service_agent", projects=[world.project_b])
    recorded = [f"{world.project_a.id}:{world.building_a.code}", f"{world.project_b.id}:{world.building_b.code}"]
    shown = redact_changes({"projects": [None, ["PA", "PB"]], "buildings": [None, recorded]}, agent_b)
    assert shown["projects"] == [None, ["项目B"]]
    assert shown["buildings"] == [None, ["项目B 1号楼"]]
