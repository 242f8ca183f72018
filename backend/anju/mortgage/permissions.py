"""Mortgage permissions per role (merged into the role groups by accounts.roles).

按揭专员 works the cases (every workflow step is ``change_mortgagecase``); 置业顾问, 客服主管, 财务 and 管理层 read them;
the bank list is company-wide and kept by 管理层 and the system administrator.
"""

_READ = ["mortgage.view_mortgagecase", "mortgage.view_bank"]
_WORK = ["mortgage.change_mortgagecase"]
_BANKS = ["mortgage.add_bank", "mortgage.change_bank"]

ROLE_PERMISSIONS = {
    "system_admin": [*_READ, *_WORK, *_BANKS],
    "mortgage_officer": [*_READ, *_WORK],
    "sales_consultant": _READ,
    "service_supervisor": _READ,
    "finance": _READ,
    "management": [*_READ, *_BANKS],
}
