"""Work-order permissions per role (merged into the role groups by accounts.roles).

``view_workorder`` alone shows only the orders assigned to the user (a technician's own list);
``view_all_workorders`` shows every order in the user's projects.
"""

_SEE = ["workorders.view_workorder", "workorders.view_all_workorders", "workorders.view_category", "workorders.view_technician"]
_DESK = [
    "workorders.add_workorder",
    "workorders.add_workorderfollowup",
    "workorders.view_workorderfollowup",
    "workorders.add_attachment",
    "workorders.view_attachment",
    "workorders.cancel_workorder",
    "workorders.close_workorder",
    "workorders.reopen_workorder",
]
_LEAD = [
    "workorders.dispatch_workorder",
    "workorders.manage_technician",
    "workorders.add_category",
    "workorders.change_category",
    "workorders.delete_attachment",
    "workorders.change_servicesettings",
    "workorders.view_servicesettings",
]
_TECH = [
    "workorders.view_workorder",
    "workorders.view_category",
    "workorders.work_workorder",
    "workorders.add_workorderfollowup",
    "workorders.view_workorderfollowup",
    "workorders.add_attachment",
    "workorders.view_attachment",
]

ROLE_PERMISSIONS = {
    "system_admin": [*_SEE, *_DESK, *_LEAD],
    "service_supervisor": [*_SEE, *_DESK, *_LEAD],
    "service_agent": [*_SEE, *_DESK],
    "technician": _TECH,
    "management": [*_SEE, "workorders.view_workorderfollowup", "workorders.view_attachment", "workorders.view_servicesettings"],
    "finance": [*_SEE, "workorders.view_attachment"],
}
