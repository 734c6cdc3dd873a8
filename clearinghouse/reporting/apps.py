from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "clearinghouse.reporting"
    verbose_name = "Reporting and implementation"

    def ready(self):
        # This domain's permission rules (registered into accounts.permissions), and its
        # panels, navigation links, importers and demo data.
        from . import hooks, rules  # noqa: F401
