from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "clearinghouse.notifications"
    verbose_name = "Notifications"

    def ready(self):
        from . import rules  # noqa: F401
