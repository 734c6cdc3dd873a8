"""The experts' event form: an event entered from the web, with its note's sections.

Organisers are one name per line. Participants are read by the note importer's participant-
list reader (outreach/notes/participants.py): "Group: name, name and name" lines, a line
pasted from a note, or one name per line; "(remark)" after a name starts with a small letter,
as in the notes; a line without "Group:" belongs to the group above. The names are resolved
when the event is saved (``actions.save_event``), as the importer resolves them.
"""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.utils.translation import gettext_lazy as _

from clearinghouse.outreach import topics as taxonomy
from clearinghouse.outreach.models import Event, EventSeries
from clearinghouse.registry.models import State

DOCUMENT_TYPES = (".pdf", ".docx", ".doc", ".odt", ".txt", ".md", ".html", ".htm", ".xlsx",
                  ".pptx", ".csv", ".png", ".jpg", ".jpeg")
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


def participant_rows(text: str, names=None) -> tuple[list[tuple[str, str, str]], str | None]:
    """The participants field -> ([(group, name, remark)], committee participation or None),
    read as the importer reads a note's list; ValueError names a bad line."""
    from clearinghouse.outreach.importing import note_names, read_participants
    from clearinghouse.outreach.notes.participants import split_groups

    names = names or note_names()
    for group in split_groups(text or "", names):
        if not group.items_text.strip(" ,;.\n"):
            raise ValueError(_("line %(n)s: no name after “%(group)s:”")
                             % {"n": group.line, "group": group.label})
    reading = read_participants(text or "", names)
    rows = []
    for p in reading.participants:
        if len(p.group) > 200 or len(p.name) > 300 or len(p.remark or "") > 300:
            raise ValueError(_("the name “%(name)s” is too long") % {"name": p.name[:60]})
        rows.append((p.group, p.name, p.remark or ""))
    return rows, reading.committee


def participants_text(event: Event) -> str:
    """One line per participant; a name with a comma in quotes, so that it reads back whole."""
    def name(p) -> str:
        return f'"{p.name}"' if ("," in p.name or ";" in p.name) else p.name

    return "\n".join(f"{p.group}: {name(p)}" + (f" ({p.remark})" if p.remark else "")
                     for p in event.participants.all())


class EventForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=500)
    kind = forms.ChoiceField(label=_("Kind"), required=False,
                             choices=[("", _("(from the title)")), *Event.Kind.choices])
    series = forms.ModelChoiceField(label=_("Series"), required=False,
                                    queryset=EventSeries.objects.order_by("name"))
    new_series = forms.CharField(label=_("or a new series"), max_length=200, required=False)
    start = forms.DateField(label=_("Start"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("End"), required=False,
                          widget=forms.DateInput(attrs={"type": "date"}),
                          help_text=_("Empty for a one-day event."))
    venue_place = forms.CharField(label=_("Place"), max_length=200, required=False)
    venue_city = forms.CharField(label=_("City"), max_length=120, required=False)
    venue_state = forms.ModelChoiceField(label=_("Venue State"), required=False,
                                         queryset=State.objects.order_by("short_name"),
                                         to_field_name="iso3")
    organisers = forms.CharField(
        label=_("Organisers"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line. Names are matched to the registry when you save; a name "
                    "that cannot be matched with confidence is kept as written and flagged."))
    participants = forms.CharField(
        label=_("Participants"), required=False, widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("As a note lists them, e.g. “Central Asia States: Kazakhstan, Kyrgyzstan "
                    "(two delegates) and Tajikistan”, or one per line. A line without a group "
                    "belongs to the group above. Names are matched to the registry when you "
                    "save."))
    committee_members = forms.IntegerField(label=_("Committee members"), min_value=0,
                                           max_value=99, initial=0)
    committee_experts = forms.IntegerField(label=_("Committee experts"), min_value=0,
                                           max_value=99, initial=0)
    committee_remark = forms.CharField(label=_("Committee participation as written"),
                                       max_length=300, required=False)
    topics = forms.MultipleChoiceField(label=_("Topics"), required=False,
                                       choices=lambda: list(taxonomy.areas().items()),
                                       widget=forms.CheckboxSelectMultiple)
    background = forms.CharField(label=_("Background"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 5}))
    highlights = forms.CharField(label=_("Highlights of the discussions"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 5}))
    chair_summary_heading = forms.CharField(label=_("Heading of the chair's summary"),
                                            max_length=200, initial="Chair's summary")
    chair_summary = forms.CharField(label=_("Chair's summary"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 4}))
    chair_summary_url = forms.URLField(label=_("Link to the chair's summary"), max_length=500,
                                       required=False)
    additional_comments = forms.CharField(label=_("Additional comments"), required=False,
                                          widget=forms.Textarea(attrs={"rows": 3}))
    document = forms.FileField(label=_("Attach a document"), required=False)
    document_title = forms.CharField(label=_("Title of the document"), max_length=300,
                                     required=False)

    def clean_organisers(self):
        names = [line.strip() for line in self.cleaned_data["organisers"].splitlines()]
        if any(len(n) > 300 for n in names):
            raise forms.ValidationError(_("An organiser's name is longer than 300 characters."))
        return [n for n in names if n]

    def clean_participants(self):
        try:
            rows, self.committee_found = participant_rows(self.cleaned_data["participants"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None
        return rows

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if upload:
            suffix = Path(upload.name).suffix.lower()
            if suffix not in DOCUMENT_TYPES:
                raise forms.ValidationError(
                    _("%(name)s: files of type %(suffix)s are not accepted (use %(types)s).")
                    % {"name": upload.name, "suffix": suffix or "(none)",
                       "types": ", ".join(DOCUMENT_TYPES)})
            if upload.size > MAX_DOCUMENT_BYTES:
                raise forms.ValidationError(_("%(name)s is larger than 20 MB.")
                                            % {"name": upload.name})
        return upload

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end (%(end)s) is before the start (%(start)s).")
                           % {"end": end.isoformat(), "start": start.isoformat()})
        if data.get("series") and (data.get("new_series") or "").strip():
            self.add_error("new_series", _("Choose a series or name a new one, not both."))
        found = getattr(self, "committee_found", None)
        if found and not (data.get("committee_remark") or "").strip():
            # "1540 Committee: two experts" pasted with the list: the Committee's fields.
            from clearinghouse.outreach.convert import committee_counts

            members, experts = committee_counts(found)
            data["committee_remark"] = found[:300]
            if not data.get("committee_members") and not data.get("committee_experts"):
                data["committee_members"], data["committee_experts"] = members, experts
        return data

    def event_fields(self) -> dict:
        """The Event fields of the form (the series, links and document are handled apart)."""
        data = self.cleaned_data
        fields = {k: data[k] for k in (
            "title", "kind", "start", "venue_place", "venue_city", "venue_state",
            "committee_members", "committee_experts", "committee_remark", "topics",
            "background", "highlights", "chair_summary_heading", "chair_summary",
            "chair_summary_url", "additional_comments")}
        fields["title"] = fields["title"].strip()
        fields["end"] = data.get("end") or data["start"]
        fields["series"] = data.get("series")
        return fields

    @staticmethod
    def initial_for(event: Event) -> dict:
        initial = {k: getattr(event, k) for k in (
            "title", "kind", "start", "end", "venue_place", "venue_city", "committee_members",
            "committee_experts", "committee_remark", "topics", "background", "highlights",
            "chair_summary_heading", "chair_summary", "chair_summary_url",
            "additional_comments")}
        initial["series"] = event.series_id
        initial["venue_state"] = event.venue_state.iso3 if event.venue_state_id else None
        initial["organisers"] = "\n".join(o.name for o in event.organisers.all())
        initial["participants"] = participants_text(event)
        return initial
