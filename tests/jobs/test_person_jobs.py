"""The long jobs a person starts beyond the annual review: a batch of Information Notes (from the
events list, with its filters) and a large import (once its preview is confirmed). A real worker
runs them, on SQLite and PostgreSQL; each is seen by its owner only, shows its progress on the
page that started it, and keeps its result for download."""

import csv
import datetime as dt
import io
import os
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from clearinghouse.audit.models import AuditEntry
from clearinghouse.jobs import person_jobs
from clearinghouse.jobs.models import Job, TaskFailure
from clearinghouse.registry.models import State
from clearinghouse.reporting.models import NationalReport
from tests.jobs.test_worker import work
from tests.outreach.conftest import make_event

pytestmark = pytest.mark.django_db(transaction=True)


def _zip(client, job) -> zipfile.ZipFile:
    answer = client.get(reverse("jobs:download", args=[job.pk]))
    assert answer.status_code == 200 and answer["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(b"".join(answer.streaming_content)))


def test_an_expert_renders_the_filtered_events_notes_in_french(reference_data, personas,
                                                                client_for):
    shown = [make_event(title=f"Atelier {n}", start=dt.date(2016, 5, 10 + n)) for n in range(3)]
    draft = make_event(status="draft", title="Projet de note", start=dt.date(2016, 9, 1))
    make_event(title="Another year", start=dt.date(2017, 3, 1))
    expert = client_for("expert")
    listing = expert.get("/fr/events/?year=2016").content.decode()
    assert reverse("jobs:start-notes") in listing and "4 notes" in listing
    answer = expert.post("/fr/jobs/notes/", {"year": "2016", "format": "md"})
    job = Job.objects.get()
    assert answer.status_code == 302 and answer["Location"].endswith(job.get_absolute_url())
    assert set(job.params["events"]) == {e.pk for e in shown} | {draft.pk}
    assert (job.params["language"], job.params["format"], job.status) == ("fr", "md", "queued")
    # The page that started it follows it: the list of this kind of job, polled while it runs.
    page = expert.get("/fr/events/?year=2016").content.decode()
    assert f'data-poll="{reverse("jobs:mine", args=["notes"])}"' in page
    work()
    job.refresh_from_db()
    assert (job.status, job.progress, job.params["rendered"], job.params["left_out"]) == (
        "done", 100, 4, 0)
    archive = _zip(expert, job)
    assert len(archive.namelist()) == 4 and all(n.endswith(".md") for n in archive.namelist())
    note = archive.read(next(n for n in archive.namelist() if f"-{draft.pk}-" in n)).decode()
    assert "Note d'information" in note and "Projet de note" in note
    detail = expert.get(f"/fr/jobs/{job.pk}/").content.decode()
    assert "4 manifestations sélectionnées (Année : 2016)" in detail, detail
    assert "4 notes produites." in detail
    fragment = expert.get(reverse("jobs:mine", args=["notes"])).content.decode()
    assert "data-poll" not in fragment and reverse("jobs:download", args=[job.pk]) in fragment
    assert set(AuditEntry.objects.filter(target_type="jobs.job").values_list(
        "action", flat=True)) == {"job.start", "job.done", "task.run"}
    # Only its owner sees the job, its result and its place on the page.
    for other in ("committee", "state_poc", "provider_poc"):
        client = client_for(other)
        assert client.get(job.get_absolute_url()).status_code == 404, other
        assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404, other
        assert reverse("jobs:download", args=[job.pk]) not in client.get(
            reverse("jobs:mine", args=["notes"])).content.decode()


def test_a_member_gets_only_the_notes_they_may_read_even_if_one_is_withdrawn(
        reference_data, personas, client_for):
    confirmed = make_event(status="confirmed", title="Confirmed seminar")
    published = make_event(title="Published workshop", start=dt.date(2016, 6, 1))
    make_event(status="draft", title="Draft seminar", start=dt.date(2016, 7, 1))
    member = client_for("committee")
    member.post(reverse("jobs:start-notes"), {"year": "2016", "format": "html"})
    job = Job.objects.get()
    assert set(job.params["events"]) == {confirmed.pk, published.pk}
    # Between the start and the worker, an expert takes the confirmed event back to draft:
    # the member may no longer read it, and the batch leaves it out.
    type(confirmed).objects.filter(pk=confirmed.pk).update(status="draft")
    work()
    job.refresh_from_db()
    assert (job.status, job.params["rendered"], job.params["left_out"]) == ("done", 1, 1)
    names = _zip(member, job).namelist()
    assert names == [n for n in names if f"-{published.pk}-" in n] and len(names) == 1
    assert "1 event you may no longer read was left out" in member.get(
        job.get_absolute_url()).content.decode()


def test_a_pdf_batch_holds_real_pdfs(reference_data, personas, client_for):
    make_event()
    expert = client_for("expert")
    expert.post(reverse("jobs:start-notes"), {"format": "pdf"})
    work()
    job = Job.objects.get()
    archive = _zip(expert, job)
    [name] = archive.namelist()
    assert name.endswith(".pdf") and archive.read(name).startswith(b"%PDF")


def test_bad_or_empty_or_too_long_batches_are_refused_and_start_nothing(
        reference_data, personas, client_for, monkeypatch):
    expert = client_for("expert")
    answer = expert.post(reverse("jobs:start-notes"), {"format": "exe"})
    assert answer.status_code == 400 and b"format" in answer.content
    answer = expert.post(reverse("jobs:start-notes"), {"year": "20x6"})
    assert answer.status_code == 400 and b"year" in answer.content
    answer = expert.post(reverse("jobs:start-notes"), {"year": "2016"}, follow=True)
    assert "No event matches these filters" in answer.content.decode()
    make_event()
    make_event(start=dt.date(2016, 8, 1))
    monkeypatch.setattr(person_jobs, "MAX_NOTES", 1)
    answer = expert.post(reverse("jobs:start-notes"), {"year": "2016"}, follow=True)
    assert "More than 1 events match" in answer.content.decode()
    assert not Job.objects.exists() and not DBTaskResult.objects.exists()
    assert client_for("public").post(reverse("jobs:start-notes"), {}).status_code in (302, 403)
    assert expert.get(reverse("jobs:mine", args=["nothing"])).status_code == 404


REPORTS = ("state,kind,date,title\n"
           "Kazakhstan,additional,2026-11-20,Additional information (illustrative)\n"
           "Kyrgyzstan,additional,2026-11-21,Additional information (illustrative)\n")


def _preview(client, content: str):
    upload = SimpleUploadedFile("reports.csv", content.encode(), "text/csv")
    answer = client.post("/imports/", {"kind": "reports", "file": upload})
    assert answer.status_code == 200, answer.content.decode()[:2000]
    return answer.context["token"]


def test_a_large_import_is_written_by_the_worker_with_its_report(reference_data, personas,
                                                                  client_for, settings):
    settings.IMPORT_BACKGROUND_ROWS = 2
    expert = client_for("expert")
    before = NationalReport.objects.count()
    token = _preview(expert, REPORTS)
    answer = expert.post("/imports/", {"token": token}, follow=True)
    job = Job.objects.get()
    assert (job.kind, job.status, job.params["rows"]) == ("import", "queued", 2)
    assert job.upload and NationalReport.objects.count() == before  # nothing written yet
    page = answer.content.decode()
    assert f"job #{job.pk}" in page and f'data-poll="{reverse("jobs:mine", args=["import"])}"' in page
    work()
    job.refresh_from_db()
    assert (job.status, job.progress, job.params["summary"]) == ("done", 100, {"reports": 2})
    assert not job.upload  # the file is not kept once written
    assert NationalReport.objects.count() == before + 2
    report = expert.get(reverse("jobs:download", args=[job.pk]))
    rows = list(csv.reader(io.StringIO(b"".join(report.streaming_content).decode("utf-8-sig"))))
    assert rows == [["file", "rows", "reports"], ["reports.csv", "2", "2"]]
    assert AuditEntry.objects.filter(action="import.reports").count() == 1
    # A second run of the same job (a retry after a crash, say) writes nothing twice.
    assert person_jobs.import_file(job.pk)["status"] == "done"
    assert NationalReport.objects.count() == before + 2
    assert client_for("committee").get(job.get_absolute_url()).status_code in (403, 404)


def test_a_small_import_is_still_written_at_once(reference_data, personas, client_for,
                                                 settings):
    settings.IMPORT_BACKGROUND_ROWS = 3
    expert = client_for("expert")
    before = NationalReport.objects.count()
    answer = expert.post("/imports/", {"token": _preview(expert, REPORTS)})
    assert answer.status_code == 302 and NationalReport.objects.count() == before + 2
    assert not Job.objects.exists()


def test_an_import_the_records_no_longer_allow_fails_with_its_problems_kept(
        reference_data, personas, client_for, settings):
    settings.IMPORT_BACKGROUND_ROWS = 1
    expert = client_for("expert")
    token = _preview(expert, REPORTS)
    expert.post("/imports/", {"token": token})
    # Between the preview and the worker, one of the reports is recorded by somebody else.
    NationalReport.objects.create(state=State.objects.get(iso3="KAZ"), kind="additional",
                                  submitted_on=dt.date(2026, 11, 20), status="submitted")
    before = NationalReport.objects.count()
    work()
    job = Job.objects.get()
    assert (job.status, job.params["problems"]) == ("failed", 1)
    assert NationalReport.objects.count() == before  # nothing of the file was written
    assert not TaskFailure.objects.exists()  # a problem of the data is not retried
    problems = b"".join(expert.get(reverse("jobs:download", args=[job.pk])).streaming_content)
    rows = list(csv.reader(io.StringIO(problems.decode("utf-8-sig"))))
    assert rows[0] == ["file", "line", "field", "problem"]
    assert rows[1][:3] == ["reports.csv", "2", "date"] and "already has" in rows[1][3]
    page = expert.get(job.get_absolute_url()).content.decode()
    assert "nothing was written" in page and "1 problem" in page
    assert AuditEntry.objects.filter(action="job.failed").count() == 1


def test_results_are_removed_after_the_days_they_are_kept(reference_data, personas, client_for,
                                                          settings):
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from clearinghouse.core import cleanup

    settings.JOBS_KEEP_DAYS = 90
    jobs = []
    for age in (100, 10):
        job = Job.objects.create(owner=personas["expert"], kind=Job.Kind.NOTES, status="done",
                                 params={"count": 1, "rendered": 1, "left_out": 0},
                                 filename=f"notes-{age}.zip", content_type="application/zip",
                                 finished_at=timezone.now() - dt.timedelta(days=age))
        job.result.save(f"notes-{age}.zip", ContentFile(b"PK"), save=True)
        jobs.append(job)
    old_path = jobs[0].result.path
    assert cleanup.old_job_results() == 1 and cleanup.old_job_results() == 0
    old, recent = (Job.objects.get(pk=j.pk) for j in jobs)
    assert not old.result and recent.result
    assert not os.path.exists(old_path)
    expert = client_for("expert")
    assert expert.get(reverse("jobs:download", args=[old.pk])).status_code == 404
    page = expert.get(old.get_absolute_url()).content.decode()
    assert "removed 90 days after the job ended" in page
    assert expert.get(reverse("jobs:download", args=[recent.pk])).status_code == 200
    settings.JOBS_KEEP_DAYS = 0  # kept forever
    Job.objects.filter(pk=recent.pk).update(finished_at=timezone.now() - dt.timedelta(days=900))
    assert cleanup.old_job_results() == 0
