"""Django admin permissions follow the role policy: experts maintain everything."""

from django.contrib.auth.backends import ModelBackend

from .permissions import can


class RoleBackend(ModelBackend):
    def has_perm(self, user_obj, perm, obj=None):
        if can(user_obj, "admin.access"):
            return True
        return super().has_perm(user_obj, perm, obj)

    def has_module_perms(self, user_obj, app_label):
        return can(user_obj, "admin.access") or super().has_module_perms(user_obj, app_label)
