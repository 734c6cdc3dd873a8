"""The bell's page: my notices, opening one (marks it read), marking all read; my choices."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clearinghouse.accounts.permissions import require
from clearinghouse.core import params

from .models import Mode, Notice, Preference, kinds_for
from .notify import mode_for

PAGE_SIZE = 50


def notice_list(request):
    require(request.user, "notifications.read")
    notices = Notice.objects.visible_to(request.user)
    page = Paginator(notices, PAGE_SIZE).get_page(params.page(request.GET))
    return render(request, "notifications/list.html", {"page": page})


@require_POST
def open_notice(request, pk: int):
    require(request.user, "notifications.read")
    notice = get_object_or_404(Notice.objects.visible_to(request.user), pk=pk)
    if notice.read_at is None:
        # The read flag is the recipient's own bookkeeping, not a record change: not audited.
        Notice.objects.filter(pk=notice.pk).update(read_at=timezone.now())
    if url_has_allowed_host_and_scheme(notice.url, allowed_hosts={request.get_host()}):
        return redirect(notice.url)
    return redirect("notifications:list")


@require_POST
def read_all(request):
    require(request.user, "notifications.read")
    Notice.objects.visible_to(request.user).filter(read_at__isnull=True).update(
        read_at=timezone.now())
    return redirect("notifications:list")


def preferences(request):
    require(request.user, "notifications.read")
    if request.method == "POST":
        from django.db import transaction

        from clearinghouse.audit import log

        # Only the kinds this person may receive: any other field is ignored.
        chosen = {kind: params.choice(request.POST, kind, Mode.values, default=Mode.IMMEDIATE)
                  for kind, _label in kinds_for(request.user)}
        with transaction.atomic():
            for kind, mode in chosen.items():
                Preference.objects.update_or_create(user=request.user, kind=kind,
                                                    defaults={"mode": mode})
            log.record(request.user, "notice.preferences", None, chosen,
                       label=request.user.get_username())
        messages.success(request, _("Your choices are saved."))
        return redirect("notifications:preferences")
    rows = [(kind, label, mode_for(request.user, kind)) for kind, label in kinds_for(request.user)]
    return render(request, "notifications/preferences.html", {"rows": rows, "modes": Mode.choices})
