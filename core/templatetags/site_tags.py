from django import template

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
    return {"trail": trail, "current": items[-1], "request": context.get("request")}
