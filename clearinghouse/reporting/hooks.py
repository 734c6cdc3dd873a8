"""What the reporting domain adds to shared pages and commands (see clearinghouse.core.extensions)."""

from django.utils.translation import gettext_lazy as _

from clearinghouse.core import extensions

from . import demo, importers, start, views  # noqa: F401  (importers register themselves)

extensions.home_panel(10, "reporting/_home_panel.html", views.home_panel)
extensions.start_panel(10, "reporting/_start_panel.html", start.start_context)
extensions.state_panel(10, "reporting/_state_panel.html", views.state_panel)
extensions.nav_link(10, "reporting:status", _("Reporting status"), "reporting.status")
extensions.nav_link(11, "reporting:reports", _("Reports"), "reporting.view")
extensions.demo_loader(10, "reporting", demo.load, demo.clear)
