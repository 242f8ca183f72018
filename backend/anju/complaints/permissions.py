"""Complaint permissions per role (merged into the role groups by accounts.roles)."""

_READ = ["complaints.view_complaint", "complaints.view_incident"]
_HANDLE = ["complaints.change_complaint"]
_LEAD = ["complaints.change_incident"]

ROLE_PERMISSIONS = {
    "system_admin": [*_READ, *_HANDLE, *_LEAD],
    "service_supervisor": [*_READ, *_HANDLE, *_LEAD],
    "service_agent": [*_READ, *_HANDLE],
    "management": [*_READ, *_LEAD],
}
