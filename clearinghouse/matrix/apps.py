from django.apps import AppConfig


class MatrixConfig(AppConfig):
    name = "clearinghouse.matrix"
    verbose_name = "The 1540 Matrix"

    def ready(self):
        # Panels, navigation links, importers and demo data of this domain.
        from . import hooks  # noqa: F401
