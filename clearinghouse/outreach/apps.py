from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "clearinghouse.outreach"
    verbose_name = "Outreach"

    def ready(self):
        # This domain's permission rules (registered into accounts.permissions), and its
        # panels, navigation links, importers and demo data.
        from . import hooks, rules  # noqa: F401
