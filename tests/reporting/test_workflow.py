"""A State's point of contact drafts, edits and submits its own State's reports; experts publish."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from clearinghouse.audit.models import AuditEntry
from clearinghouse.registry.models import State
from clearinghouse.reporting.documents import DocumentError, extract_text
from clearinghouse.reporting.models import NationalReport
from tests.conftest import revision_of

pytestmark = pytest.mark.django_db


def _docx(text):
    from docx import Document

    buf = io.BytesIO()
    document = Document()
    document.add_paragraph(text)
    document.save(buf)
    return buf.getvalue()


def _pdf(text):
    from weasyprint import HTML

    return HTML(string=f"<p>{text}</p>").write_pdf()


def test_text_is_extracted_from_pdf_docx_and_text():
    assert "export controls" in extract_text("r.docx", _docx("National export controls"))
    assert "Physical protection" in extract_text("r.pdf", _pdf("Physical protection measures"))
    assert extract_text("r.txt", "Contrôles aux frontières".encode()) == "Contrôles aux frontières"
    with pytest.raises(DocumentError, match="not a PDF"):
        extract_text("r.pdf", b"hello")
    with pytest.raises(DocumentError, match="could not be read as DOCX"):
        extract_text("r.docx", b"PK\x03\x04 broken")
    with pytest.raises(DocumentError, match="use a PDF, DOCX or text file"):
        extract_text("r.exe", b"MZ")


def test_poc_drafts_edits_and_submits_its_own_report(client_for, personas):
    client = client_for("state_poc")
    upload = SimpleUploadedFile("report.docx", _docx("Kazakhstan national report on border controls"))
    response = client.post("/reports/new/", {"kind": "first", "title": "First report", "language": "ru",
                                             "document": upload, "state": "FRA", "status": "published"})
    assert response.status_code == 302
    report = NationalReport.objects.get()
    # The State is the point of contact's own, whatever the form says; and it is a draft.
    assert (report.state.iso3, report.status, report.submitted_on) == ("KAZ", "draft", None)
    assert "border controls" in report.text
    assert client.get(f"/reports/{report.pk}/document/").status_code == 200
    assert client_for("public").get(f"/reports/{report.pk}/document/").status_code == 404

    response = client.post(f"/reports/{report.pk}/edit/", {"kind": "first", "title": "First report (rev.)",
                                                          "language": "ru", "text": "",
                                                          "revision": revision_of(report)})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.title == "First report (rev.)" and "border controls" in report.text

    assert client.post(f"/reports/{report.pk}/submit/").status_code == 302
    report.refresh_from_db()
    assert (report.status, report.submitted_on) == ("submitted", dt.date.today())
    # Submitted: no longer the point of contact's to change; not yet public.
    assert client.get(f"/reports/{report.pk}/edit/").status_code == 403
    assert client.post(f"/reports/{report.pk}/submit/").status_code == 403
    assert client_for("public").get(f"/reports/{report.pk}/").status_code == 404
    assert client.post(f"/reporting/reports/{report.pk}/publish/").status_code == 403

    assert client_for("expert").post(f"/reporting/reports/{report.pk}/publish/").status_code == 302
    report.refresh_from_db()
    assert report.status == "published"
    assert client_for("public").get(f"/reports/{report.pk}/").status_code == 200
    actions = set(AuditEntry.objects.filter(target_id=str(report.pk), target_type="reporting.nationalreport").values_list("action", flat=True))
    assert actions == {"reporting.report.created", "reporting.report.changed",
                       "reporting.report.submitted", "reporting.nationalreport.published"}


def test_poc_cannot_touch_another_states_reports(client_for, personas):
    fra = State.objects.get(iso3="FRA")
    draft = NationalReport.objects.create(state=fra, kind="first", status="draft", title="French draft")
    client = client_for("state_poc")
    assert client.get(f"/reports/{draft.pk}/").status_code == 404
    assert client.get(f"/reports/{draft.pk}/edit/").status_code == 404
    assert client.post(f"/reports/{draft.pk}/edit/", {"kind": "first", "title": "hijacked"}).status_code == 404
    assert client.post(f"/reports/{draft.pk}/submit/").status_code == 404
    assert client.post(f"/api/reports/{draft.pk}/submit/").status_code == 404
    draft.refresh_from_db()
    assert (draft.title, draft.status) == ("French draft", "draft")
    # Even a published French report stays read-only for Kazakhstan's point of contact.
    draft.status, draft.submitted_on = "published", dt.date(2005, 1, 1)
    draft.save()
    assert client.get(f"/reports/{draft.pk}/edit/").status_code == 403
    assert client.post(f"/api/reports/{draft.pk}/submit/").status_code == 403


def test_bad_uploads_and_dates_are_refused_with_messages(client_for, personas):
    client = client_for("state_poc")
    response = client.post("/reports/new/", {"kind": "first", "document": SimpleUploadedFile("r.exe", b"MZ")})
    assert response.status_code == 400 and "use a PDF, DOCX or text file" in response.content.decode()
    response = client.post("/reports/new/", {"kind": "first", "document": SimpleUploadedFile("r.pdf", b"junk")})
    assert response.status_code == 400 and "not a PDF" in response.content.decode()
    response = client.post("/reports/new/", {"kind": "first", "submitted_on": "2999-01-01"})
    assert response.status_code == 400 and "future" in response.content.decode()
    assert not NationalReport.objects.exists()
    NationalReport.objects.create(state=personas["state_poc"].state, kind="first", status="published",
                                  submitted_on=dt.date(2004, 10, 1))
    response = client.post("/reports/new/", {"kind": "first", "text": "Second first report"})
    assert response.status_code == 400 and "already has a first report" in response.content.decode()


def test_expert_records_any_report_and_publishes_through_the_api(client_for, personas):
    client = client_for("expert")
    response = client.post("/reports/new/", {"state": "FRA", "kind": "first", "submitted_on": "2004-10-01",
                                             "status": "submitted", "text": "Rapport national"})
    assert response.status_code == 302
    report = NationalReport.objects.get(state__iso3="FRA")
    assert report.status == "submitted" and report.created_by == personas["expert"]
    assert client_for("committee").post(f"/api/reports/{report.pk}/publish/").status_code == 403
    response = client.post(f"/api/reports/{report.pk}/publish/")
    assert response.status_code == 200 and response.json()["status"] == "published"


def test_peer_review_document_follows_the_scope(client_for, personas, tmp_path, settings):
    import datetime as dt

    from django.core.files.base import ContentFile

    from clearinghouse.reporting.models import PeerReview

    settings.MEDIA_ROOT = tmp_path
    review = PeerReview.objects.create(start=dt.date(2017, 6, 1), end=dt.date(2017, 9, 1), status="draft")
    review.states.set(State.objects.filter(iso3__in=["BLR", "KGZ", "TJK"]))
    review.report.save("review.txt", ContentFile(b"peer review report"))
    assert client_for("expert").get(f"/peer-reviews/{review.pk}/document/").status_code == 200
    assert client_for("state_poc").get(f"/peer-reviews/{review.pk}/document/").status_code == 404  # KAZ
    assert client_for("public").get(f"/peer-reviews/{review.pk}/document/").status_code == 404
    review.status = "published"
    review.save()
    response = client_for("public").get(f"/peer-reviews/{review.pk}/document/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"peer review report"
