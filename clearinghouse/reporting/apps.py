from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "clearinghouse.reporting"
    verbose_name = "Reporting and implementation"

    def ready(self):
        # Panels, navigation links, importers and demo data of this domain.
        from . import hooks  # noqa: F401
