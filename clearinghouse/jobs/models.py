"""Background work: a person's long job (with progress and its result kept for download), the
tasks that failed every attempt (shown to the experts) and the scheduler's marks.

The queue itself is django-tasks with its database backend (``django_tasks_db``): its table
holds every enqueued task and its result; these models hold what the platform shows people.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clearinghouse.accounts.scoping import VisibleQuerySet


class Job(models.Model):
    """A long job a person started (the annual outreach review, a batch of Information Notes,
    a large import): only its owner sees it. A scheduled job (the bi-monthly briefing's draft)
    has no owner: the experts see it."""

    class Kind(models.TextChoices):
        OUTREACH_REVIEW = "outreach_review", _("annual outreach review")
        BRIEFING = "briefing", _("draft matchmaking briefing")
        NOTES = "notes", _("Information Notes of events")
        IMPORT = "import", _("import of records")

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                              related_name="jobs", null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    params = models.JSONField(default=dict)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    message = models.CharField(max_length=300, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    result = models.FileField(upload_to="jobs/", blank=True)
    # What the job reads (an import's confirmed file), deleted once the job has ended.
    upload = models.FileField(upload_to="jobs/uploads/", blank=True)
    filename = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        what = (self.params.get("year") or self.params.get("start", "")[:7]
                or self.params.get("file") or "")
        return f"{self.get_kind_display()} {what} #{self.pk}".replace("  ", " ").strip()

    def get_absolute_url(self):
        return reverse("jobs:detail", args=[self.pk])

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class TaskFailure(models.Model):
    """A task that failed its last attempt: kept for the experts, who may run it again."""

    task = models.CharField(max_length=200)
    kwargs = models.JSONField(default=dict)
    attempts = models.PositiveSmallIntegerField()
    error = models.TextField()
    failed_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.CharField(max_length=150, blank=True)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        ordering = ["-failed_at", "-pk"]

    def __str__(self):
        return f"{self.task} ({self.failed_at:%Y-%m-%d %H:%M})"


class ScheduleMark(models.Model):
    """A periodic task enqueued for one period (``slot``, e.g. the day): the unique pair makes
    the scheduler idempotent, whatever number of schedulers run."""

    name = models.CharField(max_length=100)
    slot = models.CharField(max_length=40)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["name", "slot"], name="jobs_mark_once")]

    def __str__(self):
        return f"{self.name} {self.slot}"
