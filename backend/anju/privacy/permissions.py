"""Personal-data rights per role (merged into the role groups by accounts.roles).

A copy of a person's data (PIPL Art. 45) is handed out by the service supervisors and the system administrator;
erasure (Art. 47) is irreversible and left to the system administrator.
"""

ROLE_PERMISSIONS = {
    "system_admin": ["customers.export_personal_data", "customers.erase_customer"],
    "service_supervisor": ["customers.export_personal_data"],
}
