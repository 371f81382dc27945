"""`?fields=a,b,c` sparse fieldsets for list and detail endpoints."""


class SparseFieldsetMixin:
    """Keep only the fields named in `?fields=` (unknown names are ignored)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is None or request.method != "GET":
            return
        wanted = request.query_params.get("fields")
        if not wanted:
            return
        keep = {name.strip() for name in wanted.split(",") if name.strip()}
        if not keep & set(self.fields):
            return
        for name in list(self.fields):
            if name not in keep:
                self.fields.pop(name)
