from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "clearinghouse.outreach"
    verbose_name = "Outreach"

    def ready(self):
        # Panels, navigation links, importers and demo data of this domain.
        from . import hooks  # noqa: F401
