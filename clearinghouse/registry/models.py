"""The registry: UN Member and observer States, organisations, and who belongs to what, when."""

import datetime as dt

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from clearinghouse.accounts.scoping import VisibleQuerySet

from .reference import INTERGOVERNMENTAL_KINDS, ORGANISATION_KINDS
from .regions import region_name


class StateQuerySet(VisibleQuerySet):
    def members(self):
        return self.filter(status=State.Status.MEMBER)

    def members_on(self, day: dt.date):
        """The UN Member States on a given day (admitted on or before it)."""
        return self.members().filter(admitted__lte=day)


class State(models.Model):
    """A UN Member State or observer State. Not every ISO 3166 country is one."""

    class Status(models.TextChoices):
        MEMBER = "member", _("Member State")
        OBSERVER = "observer", _("Observer State")

    iso3 = models.CharField(_("ISO 3166-1 alpha-3 code"), max_length=3, unique=True)
    iso2 = models.CharField(_("ISO 3166-1 alpha-2 code"), max_length=2, blank=True)
    m49 = models.CharField(_("UN M49 code"), max_length=3, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    admitted = models.DateField(_("date of admission to the UN"), null=True, blank=True)
    short_name = models.CharField(_("short name"), max_length=120)
    official_name = models.CharField(_("official name"), max_length=200)
    region = models.CharField(_("M49 region"), max_length=60, db_index=True)
    subregion = models.CharField(_("M49 sub-region"), max_length=60, db_index=True)
    intermediate_region = models.CharField(_("M49 intermediate region"), max_length=60, blank=True)

    objects = StateQuerySet.as_manager()

    class Meta:
        ordering = ["short_name"]
        verbose_name = _("State")
        verbose_name_plural = _("States")

    def __str__(self):
        return self.short_name

    def get_absolute_url(self):
        return reverse("registry:state", args=[self.iso3])

    @property
    def is_member(self) -> bool:
        return self.status == self.Status.MEMBER

    def name_in(self, language: str | None = None) -> str:
        """The short name in a UN language (the current one by default), English otherwise."""
        return self._name_in(language, "short_name")

    def official_name_in(self, language: str | None = None) -> str:
        """The official name in a UN language where the registry has it, else the short name in
        that language (the reference data hold the formal name in English only)."""
        lang = (language or get_language() or "en")[:2]
        if lang == "en":
            return self.official_name
        return self._name(lang, "official_name") or self.name_in(lang)

    def _name(self, lang: str, field: str) -> str:
        for name in self.names.all():  # prefetched in lists (NAMES_PREFETCH)
            if name.language == lang and getattr(name, field):
                return getattr(name, field)
        return ""

    def _name_in(self, language: str | None, field: str) -> str:
        lang = (language or get_language() or "en")[:2]
        if lang == "en":
            return getattr(self, field)
        return self._name(lang, field) or getattr(self, field)

    def region_in(self, language: str | None = None) -> str:
        return region_name(self.region, language or get_language())

    def subregion_in(self, language: str | None = None) -> str:
        return region_name(self.subregion, language or get_language())

    def intermediate_region_in(self, language: str | None = None) -> str:
        return region_name(self.intermediate_region, language or get_language())


class StateName(models.Model):
    """A State's names in one of the six UN languages."""

    state = models.ForeignKey(State, on_delete=models.CASCADE, related_name="names")
    language = models.CharField(_("language"), max_length=5)
    short_name = models.CharField(_("short name"), max_length=200)
    official_name = models.CharField(_("official name"), max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["state", "language"], name="one_name_per_language")
        ]
        ordering = ["state", "language"]

    def __str__(self):
        return f"{self.short_name} ({self.language})"


class Source(models.TextChoices):
    """Where a registry row comes from: the reference data files (a reload brings them to what
    the files say) or an expert reviewing names (a reload keeps them)."""

    REFERENCE = "reference", _("reference data")
    EXPERT = "expert", _("added by an expert")


class StateAlias(models.Model):
    """Another name a State is known by: a common, former or abbreviated name."""

    class Kind(models.TextChoices):
        COMMON = "common", _("common name")
        FORMER = "former", _("former name")
        ABBREVIATION = "abbreviation", _("abbreviation")
        OFFICIAL_VARIANT = "official_variant", _("variant of the official name")

    state = models.ForeignKey(State, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(_("alias"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.COMMON)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices,
                              default=Source.REFERENCE)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["state", "alias"], name="unique_state_alias")]
        ordering = ["alias"]
        verbose_name_plural = _("State aliases")

    def __str__(self):
        return self.alias


class Organisation(models.Model):
    """An international, regional or UN body, an export-control regime or a civil-society body."""

    class Kind(models.TextChoices):
        UN_ENTITY = "un_entity", _("United Nations entity")
        INTERNATIONAL = "international_organisation", _("International organisation")
        TREATY_BODY = "treaty_body", _("Treaty body")
        REGIONAL = "regional_organisation", _("Regional or sub-regional organisation")
        REGIME = "export_control_regime", _("Export-control regime")
        PARLIAMENTARY = "parliamentary", _("Inter-parliamentary body")
        CIVIL_SOCIETY = "civil_society", _("Civil society (non-governmental organisation, think tank)")
        ACADEMIA = "academia", _("Academia")
        INDUSTRY = "industry", _("Industry")

    code = models.CharField(_("code"), max_length=20, unique=True, help_text=_("Its usual acronym"))
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, db_index=True)
    website = models.URLField(_("website"), blank=True)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices,
                              default=Source.REFERENCE)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return f"{self.name} ({self.code})"

    def get_absolute_url(self):
        return reverse("registry:organisation", args=[self.code])

    def name_in(self, language: str | None = None) -> str:
        """Its official name in a UN language (the current one by default), English otherwise
        (civil-society, academic and industry bodies have English names only)."""
        lang = (language or get_language() or "en")[:2]
        if lang == "en":
            return self.name
        for name in self.names.all():  # prefetched in lists
            if name.language == lang and name.name:
                return name.name
        return self.name

    @property
    def intergovernmental(self) -> bool:
        """A body of States (or of their parliaments), as opposed to civil society, academia
        and industry."""
        return self.kind in INTERGOVERNMENTAL_KINDS


assert INTERGOVERNMENTAL_KINDS <= set(Organisation.Kind.values)
assert set(ORGANISATION_KINDS) == set(Organisation.Kind.values)


class OrganisationName(models.Model):
    """An organisation's name in one of the other five UN languages (English is its name)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="names")
    language = models.CharField(_("language"), max_length=5)
    name = models.CharField(_("name"), max_length=400)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    aliases = models.TextField(_("other names"), blank=True, help_text=_("One per line"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "language"],
                                    name="one_organisation_name_per_language")
        ]
        ordering = ["organisation", "language"]

    def __str__(self):
        return f"{self.name} ({self.language})"

    def alias_list(self) -> list[str]:
        return [a.strip() for a in self.aliases.splitlines() if a.strip()]


class OrganisationAlias(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(_("alias"), max_length=200)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices,
                              default=Source.REFERENCE)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "alias"], name="unique_organisation_alias")
        ]
        ordering = ["alias"]
        verbose_name_plural = _("organisation aliases")

    def __str__(self):
        return self.alias


class MembershipQuerySet(VisibleQuerySet):
    def on(self, day: dt.date):
        """Memberships in force on a day (a missing joining date counts as always)."""
        return self.filter(Q(joined__isnull=True) | Q(joined__lte=day)).filter(
            Q(left__isnull=True) | Q(left__gt=day)
        )

    def current(self):
        return self.filter(left__isnull=True)


class Membership(models.Model):
    """A State's membership of (or participation in) an organisation, with dates where known."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    state = models.ForeignKey(State, on_delete=models.CASCADE, related_name="memberships")
    joined = models.DateField(_("joined"), null=True, blank=True)
    left = models.DateField(_("left"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "state", "joined"], name="unique_membership")
        ]
        ordering = ["organisation__code", "state__short_name"]

    def __str__(self):
        return f"{self.state} in {self.organisation.code}"


class NonStateEntity(models.Model):
    """A name that is not a UN Member or observer State (Kosovo, Taiwan, ...): never resolved to one."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    aliases = models.TextField(_("aliases"), blank=True, help_text=_("One per line"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("entity that is not a UN Member or observer State")
        verbose_name_plural = _("entities that are not UN Member or observer States")

    def __str__(self):
        return self.name

    def alias_list(self) -> list[str]:
        return [a.strip() for a in self.aliases.splitlines() if a.strip()]


class ReferenceLoad(models.Model):
    """The fingerprint of the reference data files last loaded, so `init` skips an unchanged load."""

    fingerprint = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now_add=True)
    summary = models.JSONField(default=dict)

    class Meta:
        ordering = ["-loaded_at"]

    def __str__(self):
        return f"reference data {self.fingerprint[:12]} loaded {self.loaded_at:%Y-%m-%d %H:%M}"
