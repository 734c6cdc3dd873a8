from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "clearinghouse.registry"
    verbose_name = "Registry of States and organisations"

    def ready(self):
        # The permission rules of this app (see accounts.permissions).
        from . import rules  # noqa: F401
