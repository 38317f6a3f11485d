"""Pages for readers: only visible statements (confirmed, attributed; see annotations.reader.queries) are shown here.

Views are thin: filters are validated by ``annotations.reader.filters`` forms, reads go through ``annotations.reader.queries``,
and a page that htmx asks for (search as you type) comes back as its ``#results`` partial.
"""

from dataclasses import replace
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from ..groups.text import word_diff, words
from ..models import Speaker, SpeakerSlug, Statement
from . import highlight, opendata
from .cache import reader_page
from .filters import SpeakerFilterForm, StatementFilterForm, StatementSearchForm, page_number
from .queries import (
    Sort,
    YearCount,
    correction_notes,
    date_order,
    earliest_report,
    group_visible_reports,
    highlight_terms,
    most_quoted_speakers,
    paginate,
    public_articles,
    search_speakers,
    search_statements,
    speaker_outlets,
    speaker_timeline,
    statement_counts,
    visible_speaker,
    visible_statements,
    with_group_reports,
)

PER_PAGE = 20
SPEAKERS_PER_PAGE = 60
COUNT_CAP = 1000
LETTERS = [*"ABCDEFGHIJKLMNOPQRSTUVWXYZ", "#"]


def wants_partial(request) -> bool:
    """An htmx request for a fragment; boosted navigations and history restores get the full page."""
    return bool(request.htmx) and not request.htmx.boosted and not request.htmx.history_restore_request


@require_safe
@reader_page
def home(request):
    latest = list(visible_statements().order_by(*date_order())[:10])
    context = {
        "statements": latest,
        "most_quoted": most_quoted_speakers(days=30),
        "terms": [],
    }
    return render(request, "annotations/reader/home.html", context)


@require_safe
@vary_on_headers("HX-Request")
def statement_list(request):
    form = StatementSearchForm(request.GET)
    number = page_number(request.GET.get("page"))
    context = {
        "form": form,
        "page": None,
        "count_cap": COUNT_CAP,
        "terms": [],
        "query": None,
        "sort": Sort.DATE,
        "active_speaker": None,
    }
    status = 200
    if form.is_valid():
        query = form.to_query()
        qs = search_statements(query, one_per_group=True)
        page = paginate(qs, number=number, per_page=PER_PAGE, count_cap=COUNT_CAP)
        if number > 1 and not page.items:
            raise Http404("There is no such page.")
        with_group_reports(page.items)
        form.offer_orders(ranked=query.can_rank)
        context.update(
            page=page,
            terms=highlight_terms(query.q),
            query=query,
            sort=query.order_shown,
            active_speaker=query.speaker,
        )
    else:
        status = 400
    template = "annotations/reader/statement_list.html"
    if wants_partial(request):
        template += "#results-response"
    return render(request, template, context, status=status)


@require_safe
@vary_on_headers("HX-Request")
def statement_speaker_suggestions(request):
    """The statements page's speaker control, as the reader types: visible speakers by part of a name or alias.

    Without htmx, the speakers page for those words."""
    form = SpeakerFilterForm({"q": request.GET.get("who", "")})
    who = form.cleaned_data["q"] if form.is_valid() else ""
    if not wants_partial(request):
        url = reverse("annotations:speaker_list")
        return HttpResponseRedirect(f"{url}?{urlencode({'q': who})}" if who else url)
    speakers = list(search_speakers(q=who)[: StatementSearchForm.CANDIDATES]) if who else []
    context = {"suggestions": speakers, "who": who}
    return render(request, "annotations/reader/statement_list.html#who-suggestions", context)


@require_safe
@reader_page
def statement_detail(request, pk: int):
    statement = get_object_or_404(visible_statements().defer(None).defer("search_document"), pk=pk)
    article = statement.article
    marks = [highlight.Mark(start, end, f"statement-mark statement-{statement.kind}") for start, end in statement.spans]
    # Both offsets of a cue or mention are set, or neither (a check constraint).
    if statement.cue_start is not None and statement.cue_end is not None:
        marks.append(highlight.Mark(statement.cue_start, statement.cue_end, "cue"))
    if statement.mention_start is not None and statement.mention_end is not None:
        marks.append(highlight.Mark(statement.mention_start, statement.mention_end, "mention"))
    others = list(
        visible_statements().filter(speaker=statement.speaker).exclude(pk=statement.pk).order_by(*date_order())[:5]
    )
    absolute = request.build_absolute_uri
    first_report = earliest_report(statement)
    with_group_reports([statement])
    context = {
        "statement": statement,
        "first_report": first_report,
        # Correction notes are decisions on a group's reports: an ungrouped statement has none (no query).
        "corrections": correction_notes([statement.pk]).get(statement.pk, []) if statement.group_id else [],
        "article": article,
        "passage": highlight.passage(article.body, statement.start, statement.end, marks),
        "jsonld": opendata.json_for_script(opendata.statement_jsonld(statement, absolute, first_report=first_report)),
        "canonical_url": absolute(statement.get_absolute_url()),
        "others": others,
        "terms": [],
    }
    return render(request, "annotations/reader/statement_detail.html", context)


@require_safe
@vary_on_headers("HX-Request")
def speaker_list(request):
    form = SpeakerFilterForm(request.GET)
    number = page_number(request.GET.get("page"))
    if not form.is_valid():
        context = {"form": form, "page": None, "letters": LETTERS, "letter": "", "counts": {}}
        return render(request, "annotations/reader/speaker_list.html", context, status=400)
    letter = form.cleaned_data["letter"] or ""
    page = paginate(search_speakers(q=form.cleaned_data["q"], letter=letter), number=number, per_page=SPEAKERS_PER_PAGE)
    if number > 1 and not page.items:
        raise Http404("There is no such page.")
    counts = statement_counts([speaker.pk for speaker in page.items])
    for speaker in page.items:
        speaker.statement_count = counts.get(speaker.pk, 0)
    context = {"form": form, "page": page, "letters": LETTERS, "letter": letter}
    template = "annotations/reader/speaker_list.html"
    if wants_partial(request):
        template += "#speaker-results"
    return render(request, template, context)


def _final_speaker(speaker: Speaker) -> Speaker:
    """Follow merges to the speaker that was kept (guarding against a loop in bad data)."""
    seen = {speaker.pk}
    while speaker.merged_into_id and speaker.merged_into_id not in seen:
        seen.add(speaker.merged_into_id)
        kept = speaker.merged_into
        assert kept is not None, "merged_into_id is set"
        speaker = kept
    return speaker


def _to_current_slug(request: HttpRequest, slug: str) -> HttpResponse:
    """A speaker's address from before a rename answers 301 to the current one (query kept); else 404."""
    former = get_object_or_404(SpeakerSlug.objects.select_related("speaker"), slug=slug)
    url = former.speaker.get_absolute_url()
    if request.GET:
        url += "?" + request.GET.urlencode()
    return HttpResponsePermanentRedirect(url)


@require_safe
@reader_page
def speaker_detail(request, slug: str):
    speaker = Speaker.objects.filter(slug=slug).first()
    if speaker is None:
        return _to_current_slug(request, slug)
    if speaker.merged_into_id:
        kept = _final_speaker(speaker)
        if kept.pk != speaker.pk and not kept.merged_into_id:
            url = kept.get_absolute_url()
            if request.GET:
                url += "?" + request.GET.urlencode()
            return HttpResponsePermanentRedirect(url)
        raise Http404("No such speaker.")
    if speaker.status == Speaker.Status.NOT_A_SPEAKER:
        raise Http404("No such speaker.")
    timeline = speaker_timeline(speaker)
    if not timeline and not visible_statements().filter(speaker=speaker).exists():
        raise Http404("No confirmed statements by this speaker.")  # nothing public: not a public speaker
    form = StatementFilterForm(request.GET)
    number = page_number(request.GET.get("page"))
    context = {
        "speaker": speaker,
        "aliases": list(speaker.aliases.order_by("name").values_list("name", flat=True)),
        "form": form,
        "page": None,
        "count_cap": COUNT_CAP,
        "timeline": _timeline_rows(timeline),
        "outlets": speaker_outlets(speaker),
        "terms": [],
        "sort": Sort.DATE,
        "canonical_url": request.build_absolute_uri(speaker.get_absolute_url()),
    }
    status = 200
    if form.is_valid():
        query = replace(form.to_query(), speaker=speaker)
        qs = search_statements(query, one_per_group=True)
        page = paginate(qs, number=number, per_page=PER_PAGE, count_cap=COUNT_CAP)
        if number > 1 and not page.items:
            raise Http404("There is no such page.")
        with_group_reports(page.items)
        context.update(
            page=page,
            terms=highlight_terms(query.q),
            sort=query.order_shown,
        )
    else:
        status = 400
    template = "annotations/reader/speaker_detail.html"
    if wants_partial(request):
        template += "#speaker-statements"
    return render(request, template, context, status=status)


class TimelineRow(YearCount):
    peak: int  # the busiest year's count, which the bars are scaled to


def _timeline_rows(rows: list[YearCount]) -> list[TimelineRow]:
    peak = max((row["n"] for row in rows), default=0)
    return [{**row, "peak": peak} for row in rows]


@require_safe
@reader_page
def article_detail(request, pk: int):
    article = get_object_or_404(public_articles(), pk=pk)
    statements = list(visible_statements().filter(article=article).order_by("start"))
    marks = [
        highlight.Mark(
            start,
            end,
            f"statement-mark statement-{s.kind}",
            href=s.get_absolute_url(),
            anchor=f"s-{s.pk}",
            label=f"{visible_speaker(s).name}{' (paraphrase)' if s.kind == Statement.Kind.INDIRECT else ''}",
        )
        for s in statements
        for start, end in s.spans
    ]
    context = {
        "article": article,
        "statements": statements,
        "paragraphs": highlight.paragraphs(article.body, marks),
        "canonical_url": request.build_absolute_uri(article.get_absolute_url()),
        "annotations_url": reverse("annotations:article_annotations", args=[article.pk]),
        "terms": [],
    }
    return render(request, "annotations/reader/article_detail.html", context)


@require_safe
@reader_page
def statement_group(request, pk: int):
    """Every visible report of one statement across articles, the earliest first, each wording compared with
    the earliest's (a word diff) and any editor's correction note on a misattributed report."""
    reports = group_visible_reports(pk)
    if not reports:
        raise Http404("No such group of statements.")
    first = reports[0]
    notes = correction_notes([report.pk for report in reports])
    rows = [
        {
            "statement": report,
            "diff": None if report.pk == first.pk else word_diff(first.text, report.text),
            "same_words": words(report.text) == words(first.text),
            "corrections": notes.get(report.pk, []),
        }
        for report in reports
    ]
    context = {
        "group_id": pk,
        "first": first,
        "rows": rows,
        "outlets": len({report.outlet_id for report in reports if report.outlet_id}),
        "speakers": list({visible_speaker(report).pk: visible_speaker(report) for report in reports}.values()),
        "canonical_url": request.build_absolute_uri(reverse("annotations:statement_group", args=[pk])),
        "terms": [],
    }
    return render(request, "annotations/reader/statement_group.html", context)
