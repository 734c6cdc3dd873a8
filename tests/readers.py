"""A client as a reader of another language reaches the site."""


def in_language(client, language: str):
    """``client`` with the language cookie; a page asked for by its English (unprefixed) address
    is followed to its language's prefix (/fr/...), as the browser is redirected."""
    client.cookies["django_language"] = language
    get = client.get
    client.get = lambda url, *args, **kwargs: get(url, *args, **{"follow": True, **kwargs})
    return client


def reader(user=None, language: str | None = None):
    """A test client signed in as ``user`` (anonymous when None), reading in ``language`` when
    given (see :func:`in_language`)."""
    from django.test import Client

    client = Client()
    if user is not None:
        client.force_login(user)
    return in_language(client, language) if language else client

