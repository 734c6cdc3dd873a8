from rest_framework.permissions import SAFE_METHODS, BasePermission

from clearinghouse.accounts.permissions import can


class RolePolicy(BasePermission):
    """API access follows the one policy module.

    A view names the action it needs to read (``read_action``) and to write (``write_action``);
    a view that names none is closed.
    """

    def has_permission(self, request, view):
        attr = "read_action" if request.method in SAFE_METHODS else "write_action"
        action = getattr(view, attr, None)
        return bool(action) and can(request.user, action)
