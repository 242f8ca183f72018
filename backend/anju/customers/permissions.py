"""Customer permissions per role (merged into the role groups by accounts.roles)."""

_READ = [
    "customers.view_customer",
    "customers.view_tag",
    "customers.view_unitownership",
    "customers.view_consultation",
    "customers.view_appointment",
    "customers.view_followup",
]
_SERVE = [
    "customers.add_customer",
    "customers.change_customer",
    "customers.add_unitownership",
    "customers.add_consultation",
    "customers.add_appointment",
    "customers.cancel_appointment",
    "customers.add_followup",
]
_MANAGE = [
    "customers.delete_unitownership",
    "customers.add_tag",
    "customers.change_tag",
    "customers.delete_tag",
    "customers.import_customer",
    "customers.export_customer",
]

ROLE_PERMISSIONS = {
    "system_admin": [*_READ, *_SERVE, *_MANAGE, "customers.reveal_customer_pii", "customers.link_customer"],
    "service_supervisor": [*_READ, *_SERVE, *_MANAGE, "customers.reveal_customer_pii", "customers.link_customer"],
    "service_agent": [*_READ, *_SERVE, "customers.reveal_customer_pii"],
    "sales_consultant": [*_READ, *_SERVE, "customers.reveal_customer_pii", "customers.export_customer"],
    "mortgage_officer": [*_READ, "customers.add_followup", "customers.reveal_customer_pii"],
    "technician": ["customers.view_customer", "customers.view_unitownership"],
    "finance": [*_READ, "customers.export_customer"],
    "management": [*_READ, "customers.export_customer"],
}
