from django.apps import AppConfig


class MatrixConfig(AppConfig):
    name = "clearinghouse.matrix"
    verbose_name = "The 1540 Matrix"

    def ready(self):
        # This domain's permission rules (registered into accounts.permissions), and its
        # panels, navigation links, importers and demo data.
        from . import hooks, rules  # noqa: F401
