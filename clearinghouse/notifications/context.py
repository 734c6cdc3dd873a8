from .models import Notice


def bell(request):
    """The unread count for the bell in the header (signed-in people only)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notices": Notice.objects.visible_to(user).filter(read_at__isnull=True).count()}
