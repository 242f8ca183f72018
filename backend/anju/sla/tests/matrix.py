"""Permission-matrix rows of the SLA calendar years (collected by ``tests/test_permission_matrix.py``): anonymous →
401, without the permission → 403, with it → success. The calendar is company-wide: changing a year needs a user
bound to every project (``scope_all``)."""

from __future__ import annotations

from tests.matrix import Op

OPS: list[Op] = [
    Op("GET", "/api/v1/sla/calendar-years/", "sla.view_calendarday"),
    Op("GET", "/api/v1/sla/calendar-years/{year}/days/", "sla.view_calendarday", prepare=lambda w: {"id": 2030}),
    Op(
        "PUT",
        "/api/v1/sla/calendar-years/{year}/",
        "sla.add_calendarday",
        prepare=lambda w: {"id": 2030, "body": {"official": False, "note": ""}},
        scope_all=True,
    ),
]
