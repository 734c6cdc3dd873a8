from django.apps import AppConfig


class AssistanceConfig(AppConfig):
    name = "clearinghouse.assistance"
    verbose_name = "Assistance clearinghouse"

    def ready(self):
        # This domain's permission rules (registered into accounts.permissions), and its
        # panels, navigation links, importers and demo data.
        from . import hooks, rules  # noqa: F401
