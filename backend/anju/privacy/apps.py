from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "anju.privacy"
    label = "privacy"
    verbose_name = "个人信息权利 Personal data rights"
