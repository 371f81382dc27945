from rest_framework import serializers

from matching.models import Skill, SkillCategory

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
