from django.contrib import admin

from hotgigs.models import SearchTerm


@admin.register(SearchTerm)
class SearchTermAdmin(admin.ModelAdmin):
    """The search vocabularies ("Did you mean", autocomplete): read to check
    what a misspelling will be corrected to; a wrong term can be deleted (the
    daily refresh rebuilds them from the documents)."""

    list_display = ["term", "scope", "kind", "documents", "refreshed_at"]
    list_filter = ["scope", "kind"]
    search_fields = ["term"]
    ordering = ["scope", "kind", "-documents", "term"]
    readonly_fields = ["scope", "kind", "term", "documents", "refreshed_at"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False
