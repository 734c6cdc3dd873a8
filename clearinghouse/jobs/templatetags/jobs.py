from django import template

from clearinghouse.jobs.models import Job

register = template.Library()


@register.simple_tag
def my_jobs(user, kind: str, limit: int = 5):
    """The user's latest jobs of a kind (their own only), for the page that starts them."""
    return list(Job.objects.visible_to(user).filter(kind=kind)[:limit])


@register.filter
def unfinished(jobs) -> bool:
    """Whether any of the jobs is still queued or running (their list then follows them)."""
    return any(not job.finished for job in jobs)
