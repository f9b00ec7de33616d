from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from core.page_meta import absolute_url_builder, breadcrumb_list, head_context, json_ld_text

register = template.Library()


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, *labels_and_urls):
    """Breadcrumbs below Home: ``{% breadcrumbs "Guide" guide_url career.short_name %}``.

    Arguments alternate label, url; the final label is the current page and takes no url.
    """
    items = list(labels_and_urls)
    if not items or len(items) % 2 == 0:
        raise template.TemplateSyntaxError("breadcrumbs takes label, url pairs followed by the current page's label")
    trail = [(items[i], items[i + 1]) for i in range(0, len(items) - 1, 2)]
    request = context.get("request")
    # The same trail for search engines (schema.org BreadcrumbList); without a request (the 500 page) there is no
    # address to give them.
    json_ld = ""
    absolute_url = absolute_url_builder(request)
    if absolute_url is not None:
        json_ld = json_ld_text(breadcrumb_list(trail, current=items[-1], absolute_url=absolute_url))
    return {
        "trail": trail,
        "current": items[-1],
        "request": request,
        "json_ld": json_ld,
        "csp_nonce": context.get("csp_nonce"),
    }


@register.inclusion_tag("includes/head_meta.html", takes_context=True)
def head_meta(context, noindex=False):
    """The description, canonical link, robots rule, Open Graph tags and JSON-LD of the page (core/page_meta.py)."""
    return head_context(context, noindex=noindex)


@register.simple_tag
def jinja_include(template_name, **context):
    """A Jinja2 partial (templates/jinja2/, config/jinja2.py) in a Django template, given only ``context``, as
    {% include ... with ... only %} would: one copy of a partial that a Jinja2 page and a Django page both show.
    Jinja2 escaped every value (autoescaping is forced on), so the markup is kept as it is."""
    return mark_safe(render_to_string(template_name, context, using="jinja2"))  # noqa: S308 - escaped by Jinja2
