from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Count

from matching.engine.taxonomy import skill_key
from matching.models import (
    Occupation,
    OccupationSkill,
    RelatedSkill,
    Skill,
    SkillAlias,
)
from matching.services import occupations_load, taxonomy_bump_version, taxonomy_load


class SkillAliasForm(forms.ModelForm):
    class Meta:
        model = SkillAlias
        fields = ["skill", "text"]

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        key = skill_key(text)
        if not key:
            raise forms.ValidationError("Enter a spelling with letters or digits.")
        clash = SkillAlias.objects.filter(alias=key).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(
                f"This spelling already belongs to {clash.first().skill}."
            )
        return text

    def save(self, commit=True):
        self.instance.alias = skill_key(self.cleaned_data["text"])
        return super().save(commit=commit)


class TaxonomyChangeMixin:
    """Every admin write bumps the taxonomy version so indexes are rebuilt."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        transaction.on_commit(taxonomy_bump_version)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        transaction.on_commit(taxonomy_bump_version)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        transaction.on_commit(taxonomy_bump_version)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        transaction.on_commit(taxonomy_bump_version)


class SkillAliasInline(admin.TabularInline):
    model = SkillAlias
    form = SkillAliasForm
    fields = ["text"]
    extra = 1


class RelatedSkillInline(admin.TabularInline):
    model = RelatedSkill
    fk_name = "from_skill"
    fields = ["to_skill", "weight"]
    autocomplete_fields = ["to_skill"]
    extra = 1


@admin.register(Skill)
class SkillAdmin(TaxonomyChangeMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "category", "alias_count"]
    list_filter = ["category"]
    search_fields = ["name", "slug", "aliases__alias", "aliases__text"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SkillAliasInline, RelatedSkillInline]
    actions = ["reload_taxonomy_file"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(alias_total=Count("aliases"))

    @admin.display(description="aliases", ordering="alias_total")
    def alias_count(self, obj):
        return obj.alias_total

    @admin.action(description="Reload the taxonomy data file (updates by slug)")
    def reload_taxonomy_file(self, request, queryset):
        counts = taxonomy_load()
        self.message_user(
            request,
            "Taxonomy reloaded: " + ", ".join(f"{k} {v}" for k, v in counts.items()),
            messages.SUCCESS,
        )


@admin.register(SkillAlias)
class SkillAliasAdmin(TaxonomyChangeMixin, admin.ModelAdmin):
    form = SkillAliasForm
    list_display = ["text", "alias", "skill"]
    list_filter = ["skill__category"]
    search_fields = ["alias", "text", "skill__name"]
    autocomplete_fields = ["skill"]
    list_select_related = ["skill"]


@admin.register(RelatedSkill)
class RelatedSkillAdmin(TaxonomyChangeMixin, admin.ModelAdmin):
    list_display = ["from_skill", "to_skill", "weight"]
    list_filter = ["from_skill__category"]
    search_fields = ["from_skill__name", "to_skill__name"]
    autocomplete_fields = ["from_skill", "to_skill"]
    list_select_related = ["from_skill", "to_skill"]


class OccupationSkillInline(admin.TabularInline):
    model = OccupationSkill
    fields = ["skill", "relation"]
    autocomplete_fields = ["skill"]
    extra = 1


@admin.register(Occupation)
class OccupationAdmin(TaxonomyChangeMixin, admin.ModelAdmin):
    list_display = ["title", "code", "field", "title_count"]
    list_filter = ["field"]
    search_fields = ["title", "code"]
    fields = ["code", "title", "field", "description", "alternative_titles"]
    inlines = [OccupationSkillInline]
    actions = ["reload_occupations_file"]

    @admin.display(description="other titles")
    def title_count(self, obj):
        return len(obj.alternative_titles or ())

    @admin.action(description="Reload the occupations data file (updates by code)")
    def reload_occupations_file(self, request, queryset):
        counts = occupations_load()
        self.message_user(
            request,
            "Occupations reloaded: " + ", ".join(f"{k} {v}" for k, v in counts.items()),
            messages.SUCCESS,
        )
