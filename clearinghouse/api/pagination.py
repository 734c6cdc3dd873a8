"""Pages of API lists: ``?limit=`` and ``?offset=`` bounded and checked like every parameter.

DRF's own class takes any size (a limit past the database's bigint gave 500 on PostgreSQL);
here a value out of bounds is refused with 400 naming the parameter, and the schema says the
bounds.
"""

from rest_framework.pagination import LimitOffsetPagination

from clearinghouse.core import params

MAX_LIMIT = 1000
MAX_OFFSET = 1_000_000_000


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    max_limit = MAX_LIMIT

    def get_limit(self, request):
        return params.integer(request.query_params, self.limit_query_param, minimum=1,
                              maximum=self.max_limit, default=self.default_limit)

    def get_offset(self, request):
        return params.integer(request.query_params, self.offset_query_param, minimum=0,
                              maximum=MAX_OFFSET, default=0)

    def get_schema_operation_parameters(self, view):
        limit, offset = super().get_schema_operation_parameters(view)
        limit["schema"].update(minimum=1, maximum=self.max_limit)
        offset["schema"].update(minimum=0, maximum=MAX_OFFSET)
        return [limit, offset]
