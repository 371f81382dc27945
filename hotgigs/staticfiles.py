"""The production static-files storage: whitenoise's compressed, hashed files.

Django leaves `import … from "./x.js"` in JavaScript modules alone unless told
otherwise, so the rich-text editor's module (static/js/richtext-editor.js) went
on importing django-prose-editor's unhashed editor.js, which whitenoise serves
with a 60-second cache instead of a year's (Lighthouse's "static assets with an
efficient cache policy"). With module-import rewriting on, the import names the
hashed file too.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    support_js_module_import_aggregation = True
