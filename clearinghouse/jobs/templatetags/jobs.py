from django import template

from clearinghouse.jobs.models import Job

register = template.Library()


@register.simple_tag
def my_jobs(user, kind: str, limit: int = 5):
    """The user's latest jobs of a kind (their own only), for the page that starts them."""
    return list(Job.objects.visible_to(user).filter(kind=kind)[:limit])
