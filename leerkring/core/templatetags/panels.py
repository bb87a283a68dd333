"""Render a panel a higher app contributed to this page (see leerkring/core/panels.py). Render only."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from leerkring.core.panels import Panel

register = template.Library()


@register.simple_tag(takes_context=True)
def render_panel(context: template.Context, panel: Panel) -> SafeString:
    """The panel's template, with the page's context (request, user, csrf token) and the panel's own."""
    assert context.template is not None  # a tag always renders inside a template
    found = context.template.engine.get_template(panel.template)
    with context.push(**panel.context):
        return found.render(context)
