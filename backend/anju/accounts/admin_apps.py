"""``django.contrib.admin`` with Anju's admin site (see ``anju.accounts.admin_site``)."""

from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    default_site = "anju.accounts.admin_site.AdminSite"
