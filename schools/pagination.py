"""Pages of search results in one query: the total comes from the page's own rows."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Window

TOTAL_ANNOTATION = "total_results"
MAX_OFFSET = 2**31 - 1


class OneQueryPaginator(Paginator):
    """A Paginator over a queryset whose count is read from the page query itself, as ``COUNT(*) OVER ()``.

    Django's Paginator counts first (a query) and then fetches the page (another): for Find a School both run the
    whole search, and on national data the count cost as much as the page. A window count is computed over every
    matching row before LIMIT applies, which the sort has to visit anyway, so it comes almost free. A page past the
    end has no rows to carry the count: it is an EmptyPage (the view's 404) without counting at all.
    """

    def page(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger("That page number is not an integer") from None
        if number < 1:
            raise EmptyPage("That page number is less than 1")
        bottom = (number - 1) * self.per_page
        if bottom > MAX_OFFSET:
            # Past the end of any result there can be, and too large for SQLite's OFFSET.
            raise EmptyPage("That page contains no results")
        window = {TOTAL_ANNOTATION: Window(Count("*"))}
        rows = list(self.object_list.annotate(**window)[bottom : bottom + self.per_page])
        if rows:
            self.count = getattr(rows[0], TOTAL_ANNOTATION)
        elif number == 1 and self.allow_empty_first_page:
            self.count = 0
        else:
            raise EmptyPage("That page contains no results")
        return self._get_page(rows, number, self)
