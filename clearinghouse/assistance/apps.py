from django.apps import AppConfig


class AssistanceConfig(AppConfig):
    name = "clearinghouse.assistance"
    verbose_name = "Assistance clearinghouse"

    def ready(self):
        # Panels, navigation links, importers and demo data of this domain.
        from . import hooks  # noqa: F401
