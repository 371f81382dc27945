from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from matching.models import Occupation, OccupationField, Skill, SkillCategory

MAX_EXTRACT_CHARS = 100_000


class SkillSerializer(serializers.ModelSerializer):
    aliases = serializers.SerializerMethodField()

    class Meta:
        model = Skill
        fields = ["id", "slug", "name", "category", "aliases"]

    def get_aliases(self, obj) -> list[str]:
        return sorted(a.text or a.alias for a in obj.aliases.all())


class SkillSearchInput(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=120)
    category = serializers.ChoiceField(
        choices=SkillCategory.choices, required=False, allow_blank=True
    )


class NormalizeInput(serializers.Serializer):
    text = serializers.CharField(max_length=120, trim_whitespace=True)


class SkillRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(allow_null=True)
    slug = serializers.CharField()
    name = serializers.CharField()
    category = serializers.CharField()


class NormalizeOutput(serializers.Serializer):
    text = serializers.CharField()
    skill = SkillRefSerializer(allow_null=True)


class ExtractInput(serializers.Serializer):
    text = serializers.CharField(max_length=MAX_EXTRACT_CHARS, trim_whitespace=False)


class SkillHitSerializer(serializers.Serializer):
    skill = SkillRefSerializer()
    matched_text = serializers.CharField()
    line_no = serializers.IntegerField()
    line = serializers.CharField()


class ExtractOutput(serializers.Serializer):
    skills = SkillRefSerializer(many=True)
    hits = SkillHitSerializer(many=True)


class OccupationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Occupation
        fields = ["id", "code", "title", "field", "description"]


class OccupationSkillSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    relation = serializers.ChoiceField(choices=["essential", "optional"])


class OccupationDetailSerializer(serializers.ModelSerializer):
    skills = serializers.SerializerMethodField()

    class Meta:
        model = Occupation
        fields = [
            "id",
            "code",
            "title",
            "field",
            "description",
            "alternative_titles",
            "skills",
        ]

    @extend_schema_field(OccupationSkillSerializer(many=True))
    def get_skills(self, obj):
        links = sorted(
            obj.skill_links.all(),
            key=lambda link: (link.relation != "essential", link.skill.name.casefold()),
        )
        return [
            {
                "slug": link.skill.slug,
                "name": link.skill.name,
                "relation": link.relation,
            }
            for link in links
        ]


class OccupationSearchInput(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=120)
    field = serializers.ChoiceField(
        choices=OccupationField.choices, required=False, allow_blank=True
    )


class OccupationInferInput(serializers.Serializer):
    title = serializers.CharField(max_length=200, trim_whitespace=True)


class OccupationGuessSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    field = serializers.CharField()
    score = serializers.FloatField()
    matched = serializers.CharField(help_text="The taxonomy title it was read as.")


class OccupationInferOutput(serializers.Serializer):
    title = serializers.CharField()
    occupations = OccupationGuessSerializer(many=True)
