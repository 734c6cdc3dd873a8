from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "clearinghouse.audit"
    verbose_name = "Audit log"

    def ready(self):
        # The permission rules of this app (see accounts.permissions).
        from . import rules  # noqa: F401
