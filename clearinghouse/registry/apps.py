from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "clearinghouse.registry"
    verbose_name = "Registry of States and organisations"
