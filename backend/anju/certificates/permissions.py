"""Certificate permissions per role (merged into the role groups by accounts.roles).

客服专员 and 客服主管 work the cases (every step but the two below is ``change_certificatecase``); 财务 reads them and
records the 契税 paid (``record_deed_tax``, which the service staff may also record when the buyer brings the proof);
按揭专员 reads them and records the 抵押登记 and the original sent to the bank (``record_mortgage_registration``); 管理层
reads. 置业顾问 read the cases of their projects (the buyer asks their consultant where the certificate is) but change
nothing and reveal no certificate number. The 首次登记 date and the alert lead time are kept by 客服主管.
"""

_READ = ["certificates.view_certificatecase", "certificates.view_projectmilestone"]
_WORK = ["certificates.change_certificatecase", "certificates.record_deed_tax", "certificates.record_mortgage_registration"]
_REVEAL = ["certificates.reveal_certificate_number"]
_MILESTONE = ["certificates.change_projectmilestone"]

ROLE_PERMISSIONS = {
    "system_admin": [*_READ, *_WORK, *_REVEAL, *_MILESTONE],
    "service_supervisor": [*_READ, *_WORK, *_REVEAL, *_MILESTONE],
    "service_agent": [*_READ, *_WORK, *_REVEAL],
    "mortgage_officer": [*_READ, "certificates.record_mortgage_registration"],
    "finance": [*_READ, "certificates.record_deed_tax"],
    "management": _READ,
    "sales_consultant": _READ,
}
