from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "clearinghouse.jobs"
    verbose_name = "Background jobs"

    def ready(self):
        # Permission rules (accounts.permissions) and the navigation link for experts.
        from . import hooks, rules  # noqa: F401
