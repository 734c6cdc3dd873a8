"""Permission rules of the matrix domain: actions and visibility of its records.

Registered into the policy at import (see ``__init__``). Keep every rule of the domain here.
"""

from . import EVERYONE, EXPERTS, STAFF, register_actions, register_scope  # noqa: F401

register_actions({})
