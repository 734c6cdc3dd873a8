"""API endpoints of the matrix domain, registered on the shared router."""


def register(router) -> None:
    """Add this domain's viewsets to the API router."""
