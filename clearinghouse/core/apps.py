from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "clearinghouse.core"
    verbose_name = "Site"

    def ready(self):
        # The permission rules of this app (see accounts.permissions).
        from . import generation, rules  # noqa: F401

        generation.connect()
