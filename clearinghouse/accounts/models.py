"""Users and their roles (see docs/ARCHITECTURE.md, "Roles")."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .scoping import VisibleQuerySet


class Role(models.TextChoices):
    EXPERT = "expert", _("Expert / secretariat")
    COMMITTEE = "committee", _("Committee member")
    STATE_POC = "state_poc", _("State point of contact")
    PROVIDER_POC = "provider_poc", _("Provider point of contact")
    PUBLIC = "public", _("Public")


class UserManager(DjangoUserManager.from_queryset(VisibleQuerySet)):
    """Django's user manager (create_user, ...) with visible_to()."""


class User(AbstractUser):
    """A person with an account. Anonymous visitors are the public."""

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PUBLIC)
    state = models.ForeignKey(
        "registry.State",
        verbose_name=_("State"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("The State a point of contact acts for"),
    )
    organisation = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("The organisation a provider's point of contact acts for"),
    )

    language = models.CharField(
        _("language"), max_length=10, blank=True, choices=settings.LANGUAGES,
        help_text=_("The language of pages, documents, notices and e-mails for this person "
                    "(blank: not chosen yet)"))

    chair_office = models.BooleanField(
        _("Chair's office"), default=False,
        help_text=_("A Committee member in the Chair's office records the Committee's decisions "
                    "(such as approving a matrix) on the Committee's behalf"))

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def clean(self):
        super().clean()
        if self.role == Role.STATE_POC and not self.state_id:
            raise ValidationError({"state": _("A State point of contact must be bound to a State.")})
        if self.role == Role.STATE_POC and self.organisation_id:
            raise ValidationError({"organisation": _("A State point of contact acts for a State only.")})
        if self.role == Role.PROVIDER_POC and bool(self.state_id) == bool(self.organisation_id):
            raise ValidationError(
                _("A provider's point of contact is bound to exactly one State or one organisation.")
            )
        if self.chair_office and self.role != Role.COMMITTEE:
            raise ValidationError({"chair_office": _("Only a Committee member can be in the Chair's office.")})
        if self.role in (Role.EXPERT, Role.COMMITTEE, Role.PUBLIC) and (
            self.state_id or self.organisation_id
        ):
            raise ValidationError(_("Only points of contact are bound to a State or organisation."))

    def save(self, *args, **kwargs):
        # Experts maintain the data in the admin; nobody else enters it.
        self.is_staff = self.is_superuser or self.role == Role.EXPERT
        super().save(*args, **kwargs)

    @property
    def effective_role(self) -> str:
        from .permissions import role_of

        return role_of(self)


class ApiKey(models.Model):
    """A key for the API (``Authorization: Bearer <key>``). Only its SHA-256 is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_keys",
                             verbose_name=_("user"))
    name = models.CharField(_("name"), max_length=100, help_text=_("What the key is for"))
    prefix = models.CharField(_("prefix"), max_length=12, unique=True)
    digest = models.CharField(max_length=64)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self):
        return f"{self.prefix}… ({self.name}, {self.user})"


class Invitation(models.Model):
    """A one-time link for a new Committee member or point of contact to set a password.

    Only the SHA-256 of the link's token is stored; the link works once, until ``expires_at``.
    The account is created, with the role and binding the expert chose, when it is used.
    """

    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    state = models.ForeignKey("registry.State", verbose_name=_("State"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("registry.Organisation", verbose_name=_("organisation"),
                                     null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    chair_office = models.BooleanField(_("Chair's office"), default=False)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("invited"), auto_now_add=True)
    created_by = models.ForeignKey(User, verbose_name=_("invited by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)
    user = models.ForeignKey(User, verbose_name=_("account"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")

    objects = VisibleQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.email} ({self.get_role_display()})"

    def audit_label(self) -> str:
        """Its name in the audit log: the address (the entry records the role as its code)."""
        return self.email

    @property
    def is_expired(self) -> bool:
        from django.utils import timezone

        return self.expires_at <= timezone.now()
