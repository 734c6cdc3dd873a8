from rest_framework import serializers

from clearinghouse.registry.models import Membership, Organisation, State


class StateNameSerializer(serializers.Serializer):
    language = serializers.CharField()
    short_name = serializers.CharField()
    official_name = serializers.CharField()


class StateMembershipSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.code")

    class Meta:
        model = Membership
        fields = ["organisation", "joined", "left"]


class StateSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:state-detail", lookup_field="iso3")

    class Meta:
        model = State
        fields = ["iso3", "iso2", "m49", "status", "admitted", "short_name", "official_name",
                  "region", "subregion", "intermediate_region", "url"]


class StateDetailSerializer(StateSerializer):
    names = StateNameSerializer(many=True)
    aliases = serializers.SlugRelatedField(many=True, read_only=True, slug_field="alias")
    memberships = StateMembershipSerializer(many=True)

    class Meta(StateSerializer.Meta):
        fields = [*StateSerializer.Meta.fields, "names", "aliases", "memberships"]


class MemberSerializer(serializers.ModelSerializer):
    state = serializers.CharField(source="state.iso3")
    name = serializers.CharField(source="state.short_name")

    class Meta:
        model = Membership
        fields = ["state", "name", "joined", "left", "source"]


class OrganisationSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:organisation-detail", lookup_field="code")
    aliases = serializers.SlugRelatedField(many=True, read_only=True, slug_field="alias")

    class Meta:
        model = Organisation
        fields = ["code", "name", "kind", "website", "aliases", "url"]


class OrganisationDetailSerializer(OrganisationSerializer):
    members = MemberSerializer(many=True, source="memberships")

    class Meta(OrganisationSerializer.Meta):
        fields = [*OrganisationSerializer.Meta.fields, "members"]


class EntitySerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["state", "organisation"])
    code = serializers.CharField()
    name = serializers.CharField()


class CandidateSerializer(EntitySerializer):
    confidence = serializers.FloatField()


class ResolutionSerializer(serializers.Serializer):
    query = serializers.CharField()
    match = EntitySerializer(allow_null=True)
    confidence = serializers.FloatField(min_value=0, max_value=1)
    ambiguous = serializers.BooleanField()
    alternatives = CandidateSerializer(many=True)
    non_member = serializers.BooleanField()
    note = serializers.CharField(allow_blank=True)


class AuditEntrySerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    actor = serializers.CharField(source="actor_label")
    action = serializers.CharField()
    target_type = serializers.CharField()
    target_id = serializers.CharField()
    target_label = serializers.CharField()
    changes = serializers.JSONField()
