"""The queryset half of the permission policy: ``Model.objects.visible_to(user)``.

Every model whose rows a role may not all see uses ``VisibleQuerySet``; the rule for each
model is registered into :mod:`clearinghouse.accounts.permissions` (one engine decides) from
its app's ``rules.py``.
"""

from django.db import models


class VisibleQuerySet(models.QuerySet):
    def visible_to(self, user):
        from .permissions import scope

        return scope(self, user)
