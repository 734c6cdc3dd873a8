"""What the matrix domain adds to shared pages and commands (see clearinghouse.core.extensions)."""

from django.utils.translation import gettext_lazy as _

from clearinghouse.core.extensions import demo_loader, nav_link, start_panel, state_panel

from . import demo, importers, start  # noqa: F401  (importers register themselves)


def _state_panel(request, state):
    """The latest version of the State's matrix the visitor may see, with its counts (2 queries)."""
    from . import queries, tables
    from .models import MatrixVersion

    version = (MatrixVersion.objects.visible_to(request.user).filter(matrix__state=state)
               .select_related("template").order_by("-number").first())
    context = {"state": state, "version": version, "caveat": tables.CAVEAT}
    if version is not None:
        context["counts"] = queries.section_counts(queries.layout_for(version), version.measures)
    return context


state_panel(20, "matrix/_state_panel.html", _state_panel)
start_panel(30, "matrix/_start_panel.html", start.start_context)
nav_link(30, "matrix:overview", _("1540 Matrix"), "matrix.view")
demo_loader(20, "matrix", demo.load, demo.clear)
