from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "clearinghouse.core"
    verbose_name = "Site"

    def ready(self):
        from . import generation

        generation.connect()
