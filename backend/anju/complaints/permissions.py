"""Complaint permissions per role (merged into the role groups by accounts.roles)."""

_READ = ["complaints.view_complaint", "complaints.view_incident"]
_HANDLE = ["complaints.change_complaint"]
_LEAD = ["complaints.change_incident"]

_DEPARTMENTS = ["complaints.view_complaintcategorydepartment"]

ROLE_PERMISSIONS = {
    "system_admin": [*_READ, *_HANDLE, *_LEAD, *_DEPARTMENTS, "complaints.change_complaintcategorydepartment"],
    "service_supervisor": [*_READ, *_HANDLE, *_LEAD, *_DEPARTMENTS],
    "service_agent": [*_READ, *_HANDLE],
    "management": [*_READ, *_LEAD, *_DEPARTMENTS],
}
