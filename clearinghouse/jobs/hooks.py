"""What background jobs add to shared pages (see clearinghouse.core.extensions)."""

from django.utils.translation import gettext_lazy as _

from clearinghouse.core.extensions import nav_link

nav_link(90, "jobs:failures", _("Failed tasks"), "jobs.failures")
