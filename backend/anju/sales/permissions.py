"""Sales permissions per role (merged into the role groups by accounts.roles).

置业顾问 sells (subscriptions, contracts, filings, change requests); 财务 records deposits, receipts and refund
requests; 客服主管 and 管理层 approve discounts, changes and refunds; 管理层 approves price lists; 按揭专员 reads the
deals its loans belong to.
"""

_READ = [
    "sales.view_presalepermit",
    "sales.view_pricelist",
    "sales.view_subscription",
    "sales.view_contract",
    "sales.view_contractchange",
    "sales.view_ledgerentry",
    "sales.view_receivable",
    "sales.view_sales_report",
    "sales.view_salessettings",
]
_SELL = [
    "sales.add_subscription",
    "sales.change_subscription",
    "sales.cancel_subscription",
    "sales.add_contract",
    "sales.change_contract",
    "sales.file_contract",
    "sales.add_contractchange",
]
_MONEY = ["sales.record_deposit", "sales.add_ledgerentry", "sales.add_receivable"]
_APPROVE = ["sales.approve_discount", "sales.approve_contractchange", "sales.approve_refund"]
_CATALOGUE = ["sales.add_presalepermit", "sales.add_pricelist", "sales.change_pricelist", "sales.change_salessettings"]

ROLE_PERMISSIONS = {
    "system_admin": [*_READ, *_SELL, *_MONEY, *_APPROVE, *_CATALOGUE, "sales.approve_pricelist"],
    "management": [*_READ, *_APPROVE, *_CATALOGUE, "sales.approve_pricelist"],
    "service_supervisor": [*_READ, *_APPROVE],
    "sales_consultant": [*_READ, *_SELL],
    "finance": [*_READ, *_MONEY],
    "mortgage_officer": ["sales.view_contract", "sales.view_subscription", "sales.view_ledgerentry", "sales.view_receivable"],
    "service_agent": ["sales.view_contract", "sales.view_subscription"],
}
