"""`{% confirm %}Question?{% endconfirm %}` inside a destructive form: see
hotgigs/confirmation.py for how the question is asked with and without
JavaScript."""

from django import template
from django.utils.html import format_html

from hotgigs.confirmation import QUESTION_FIELD

register = template.Library()


class ConfirmNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        # Render the question as plain text, then escape it once for the
        # attribute: literal quotes in the template stay safe, names with
        # "&" or "'" are not escaped twice.
        autoescape = context.autoescape
        context.autoescape = False
        try:
            question = " ".join(self.nodelist.render(context).split())
        finally:
            context.autoescape = autoescape
        return format_html(
            '<input type="hidden" name="{}" value="{}">', QUESTION_FIELD, question
        )


@register.tag("confirm")
def do_confirm(parser, token):
    if len(token.split_contents()) != 1:
        raise template.TemplateSyntaxError("{% confirm %} takes no arguments.")
    nodelist = parser.parse(("endconfirm",))
    parser.delete_first_token()
    return ConfirmNode(nodelist)
