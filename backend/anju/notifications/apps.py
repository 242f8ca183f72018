from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "anju.notifications"
    label = "notifications"
    verbose_name = "通知 Notifications"

    def ready(self) -> None:
        from anju.core.metrics import register_backlog
        from anju.notifications import services

        register_backlog("email", services.email_backlog)
        register_backlog("text", services.text_backlog)
