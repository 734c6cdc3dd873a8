from django.contrib import admin

from clearinghouse.audit.admin import AuditedAdmin

from .models import (
    Membership,
    NonStateEntity,
    Organisation,
    OrganisationAlias,
    State,
    StateAlias,
    StateName,
)


class StateNameInline(admin.TabularInline):
    model = StateName
    extra = 0


class StateAliasInline(admin.TabularInline):
    model = StateAlias
    extra = 1


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ("state",)


@admin.register(State)
class StateAdmin(AuditedAdmin):
    list_display = ("short_name", "iso3", "status", "admitted", "region", "subregion")
    list_filter = ("status", "region", "subregion")
    search_fields = ("short_name", "official_name", "iso3", "aliases__alias", "names__short_name")
    inlines = [StateNameInline, StateAliasInline]


class OrganisationAliasInline(admin.TabularInline):
    model = OrganisationAlias
    extra = 1


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ("code", "name", "kind")
    list_filter = ("kind",)
    search_fields = ("code", "name", "aliases__alias")
    inlines = [OrganisationAliasInline, MembershipInline]


@admin.register(NonStateEntity)
class NonStateEntityAdmin(AuditedAdmin):
    list_display = ("name", "note")
    search_fields = ("name", "aliases")
