"""A client as a reader of another language reaches the site."""


def in_language(client, language: str):
    """``client`` with the language cookie; a page asked for by its English (unprefixed) address
    is followed to its language's prefix (/fr/...), as the browser is redirected."""
    client.cookies["django_language"] = language
    get = client.get
    client.get = lambda url, *args, **kwargs: get(url, *args, **{"follow": True, **kwargs})
    return client
