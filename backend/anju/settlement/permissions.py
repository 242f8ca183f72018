"""Area-settlement permissions per role (merged into the role groups by accounts.roles).

The survey report is imported and batches drawn up by 客服主管 or 管理层; 营销 review is a management decision
(管理层, 客服主管 — there is no sales-manager role; a 置业顾问 sells and does not review prices); 财务 approves (issuing
the 面积补差结算单), notifies the buyers and posts to the ledger. Four eyes: the approver is never the creator or the
reviewer (a guard in ``workflow.py``). 置业顾问 read the lines of their own contracts; technicians nothing.
"""

_READ = ["settlement.view_settlementbatch", "settlement.view_settlementline"]
_PREPARE = ["settlement.add_settlementbatch", "settlement.import_measured_areas", "settlement.change_settlementline"]
_REVIEW = ["settlement.review_settlementbatch"]
_FINANCE = ["settlement.approve_settlementbatch", "settlement.post_settlementbatch"]

ROLE_PERMISSIONS = {
    "system_admin": [*_READ, *_PREPARE, *_REVIEW, *_FINANCE],
    "management": [*_READ, *_PREPARE, *_REVIEW],
    "service_supervisor": [*_READ, *_PREPARE, *_REVIEW],
    "finance": [*_READ, *_FINANCE],
    "sales_consultant": ["settlement.view_settlementline"],
}
