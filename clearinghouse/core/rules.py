"""Permission rules of the shared machinery: the import pages and commands (experts only).
Registered in ``CoreConfig.ready()``."""

from clearinghouse.accounts.permissions import EXPERTS, register_actions

register_actions({
    "import.run": EXPERTS,
})
