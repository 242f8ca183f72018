"""Handover permissions per role (merged into the role groups by accounts.roles).

客服专员 and 客服主管 run batches, notices, slots and inspections (the inspection is done by 客服 with the owner;
technicians only see the repair orders it creates); 客服主管 and 管理层 approve the 入伙名单 (never the one who
prepared it) and may send a notice later than the contract's lead time with a reason; 置业顾问 read the notices of
their own buyers; 管理层 reads everything.
"""

_READ = [
    "handover.view_handoverbatch",
    "handover.view_handovernotice",
    "handover.view_handoverslot",
    "handover.view_inspection",
]
_RUN = [
    "handover.add_handoverbatch",
    "handover.change_handoverbatch",
    "handover.change_handovernotice",
    "handover.add_handoverslot",
    "handover.change_handoverslot",
    "handover.add_inspection",
    "handover.change_inspection",
]
_SUPERVISE = ["handover.approve_handoverbatch", "handover.override_notice_lead"]

ROLE_PERMISSIONS = {
    "system_admin": [*_READ, *_RUN, *_SUPERVISE],
    "service_supervisor": [*_READ, *_RUN, *_SUPERVISE],
    "service_agent": [*_READ, *_RUN],
    "management": [*_READ, "handover.approve_handoverbatch"],
    "sales_consultant": ["handover.view_handovernotice"],
}
