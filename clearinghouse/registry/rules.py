"""Permission rules of the registry: States, organisations and memberships are public
reference data; experts maintain them. Registered in ``RegistryConfig.ready()``."""

from clearinghouse.accounts.permissions import EVERYONE, EXPERTS, register_actions, register_scope

register_actions({
    "registry.view": EVERYONE,
    "registry.change": EXPERTS,
})


@register_scope("registry.state", "registry.organisation", "registry.membership")
def _public(qs, user, role):
    return qs
