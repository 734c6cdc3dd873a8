from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "clearinghouse.accounts"
    verbose_name = "Accounts and roles"

    def ready(self):
        from . import auth_audit, language, sessions  # noqa: F401  (connects its signal)

        auth_audit.connect()
        language.connect()
