"""Warranty permissions per role (merged into the role groups by accounts.roles)."""

_READ = ["warranty.view_warrantypolicy", "warranty.view_contractor", "warranty.view_warrantyresponsibility"]
_MANAGE = [
    "warranty.change_warrantypolicy",
    "warranty.add_contractor",
    "warranty.change_contractor",
    "warranty.add_warrantyresponsibility",
    "warranty.delete_warrantyresponsibility",
]

ROLE_PERMISSIONS = {
    "system_admin": [*_READ, *_MANAGE],
    "service_supervisor": [*_READ, *_MANAGE],
    "service_agent": _READ,
    "technician": ["warranty.view_warrantypolicy"],
    "management": _READ,
    "finance": _READ,
}
