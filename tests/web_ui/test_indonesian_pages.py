"""Every public and desk page of the demo, in Indonesian, shows no English and no raw keys.

The walk starts at the public home page and the desk inbox of a supervisor and follows every
link on the site (one case page per state, no downloads), over a small demo dataset. A page
fails if a piece of its visible text (or a label, placeholder or title) reads as English, or
shows a code such as `needs_completion` or `staff.new_case` instead of its label. Nothing is
skipped for being marked `lang="en"`: the rulebook's notes on provisional readings, once only in
English, are shown in Indonesian (`note_id` in the rulebook data).
"""

from __future__ import annotations

import re
from collections import deque
from datetime import date
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.test import Client

from netra.demo.dataset import load_demo

pytestmark = pytest.mark.django_db

DEMO_TODAY = date(2026, 11, 25)
MAX_PAGES = 400

# Words that are English and never Indonesian; two of them in one piece of text make it English.
ENGLISH = frozenset(
    "the and of to is are your you this that with for from has have was were will been "
    "which not or by in its it be an case cases report reports step deadline".split()
)
# Text that is rightly the same in both languages: names, codes, formats.
ALLOWED = (
    re.compile(r"^[\w.+-]+@[\w.-]+$"),  # e-mail addresses
    re.compile(r"github\.com|https?://"),  # source citations and addresses shown as text
    re.compile(r"^(CSV|XLSX|PDF|API|OpenAPI|Swagger UI|Netra|Bawaslu|BKN|KASN|PPK|SHA-256)$"),
)
# Codes written as snake_case or dotted keys, as the procedure and the outbox store them.
RAW_KEY = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b|\b(?:staff|reporter|case)\.[a-z_]+\b")
# A piece that is a bare code of one word: the analyzer's "none" (no subject recognised) and
# Python's None, as a missing label shows them.
BARE_CODE = re.compile(r"^(?:none|None|null)$")
# Logins of the demo cast and their like appear as themselves (the inbox's "assigned to"), and
# the monitoring upload names its file's columns.
USERNAME = re.compile(r"^(?:demo|panwas|bawaslu|bkn|ppk|viewer|outsider)_[a-z_]+$")
FILE_COLUMNS = frozenset({"posted_at"})
SKIP_PATHS = ("/desk/keluar/", "/admin/", "/api/", "/i18n/")
SKIP_SUFFIXES = (".csv", ".xlsx", ".pdf", ".json", ".png", ".svg", ".js", ".css")


VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())


class _Page(HTMLParser):
    """Visible text and link targets of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.links: list[str] = []
        self._hidden = 0  # inside <script>, <style>, <code>, <pre> or <textarea>
        self._open: list[tuple[str, bool]] = []  # open elements, and whether each hides its text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        hides = tag in {"script", "style", "code", "pre", "textarea"}
        if tag not in VOID:
            self._open.append((tag, hides))
            self._hidden += hides
        if self._hidden:
            return
        if tag == "a" and values.get("href") and "download" not in values:
            self.links.append(str(values["href"]))
        for name in ("placeholder", "aria-label", "title", "alt"):
            if values.get(name):
                self.texts.append(str(values[name]))

    def handle_endtag(self, tag: str) -> None:
        # Close up to the matching element: HTML lets <p> and <li> end without their tag.
        if not any(name == tag for name, _ in self._open):
            return
        while self._open:
            name, hides = self._open.pop()
            self._hidden -= hides
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self._hidden and data.strip():
            self.texts.append(" ".join(data.split()))


def problems_in(text: str) -> list[str]:
    """Why `text` is not Indonesian: English words, or a raw key; empty if it is fine."""
    if any(pattern.search(text) for pattern in ALLOWED) or USERNAME.match(text):
        return []
    found = []
    words = set(re.findall(r"[a-z]+", text.lower()))
    english = sorted(words & ENGLISH)
    if len(english) >= 2:
        found.append(f"English ({', '.join(english)}): {text[:100]!r}")
    if BARE_CODE.match(text):
        found.append(f"bare code {text!r}")
    found.extend(
        f"raw key {key!r} in {text[:100]!r}"
        for key in RAW_KEY.findall(text)
        if not USERNAME.match(key) and key not in FILE_COLUMNS
    )
    return found


def test_the_checker_catches_english_and_raw_keys_and_passes_indonesian():
    assert problems_in("Your report has been received")
    assert problems_in("Status: needs_completion")
    assert problems_in("staff.new_case")
    assert problems_in("none")
    assert problems_in("Laporan Anda telah diterima dan sedang dikaji.") == []
    assert problems_in("demo_kabkota") == []
    assert problems_in("pengawas@bawaslu.go.id") == []
    page = _Page()
    page.feed('<p>Catatan <span lang="en">read as the rule of the day</span> <b>ini</b></p>')
    assert page.texts == ["Catatan", "read as the rule of the day", "ini"]
    assert problems_in(page.texts[1])


def test_the_analyzers_no_subject_code_is_labelled_in_both_languages():
    # QA walk-through: a case page's "Saran penganalisis" showed "Subjek: none" when the
    # analyzer recognised no subject in the text.
    from django.utils import translation

    from netra.public import labels

    with translation.override("id"):
        indonesian = labels.subject_label("none")
    with translation.override("en"):
        english = labels.subject_label("none")
    assert indonesian != "none"
    assert english != "none"
    assert indonesian != english
    assert problems_in(indonesian) == []


def test_every_rulebook_note_the_desk_can_show_reads_in_indonesian():
    from netra.rulebook import load_rulebook

    book = load_rulebook()
    notes = [
        text
        for act in book.acts.values()
        for _, entries in act.rules
        for entry in entries
        for text in (entry.note_id,)
        if text
    ] + [window.caution_id for window in book.windows.values() if window.caution_id]
    assert len(notes) > 50
    assert [problem for text in notes for problem in problems_in(text)] == []


def _worth_visiting(path: str, seen_case_states: set[str], state_of: dict[int, str]) -> bool:
    if not path.startswith("/") or path.startswith(SKIP_PATHS) or path.endswith(SKIP_SUFFIXES):
        return False
    if "/bukti/" in path or "/dokumen/" in path:  # evidence and letters are downloads
        return False
    case = re.match(r"^/desk/kasus/(\d+)/$", path)
    if case:
        state = state_of.get(int(case.group(1)), "")
        if state in seen_case_states:
            return False
        seen_case_states.add(state)
    return True


def _walk(
    client: Client, starts: list[str], state_of: dict[int, str]
) -> tuple[dict[str, list[str]], int]:
    queue, seen, seen_states = deque(starts), set(starts), set[str]()
    found: dict[str, list[str]] = {}
    visited = 0
    while queue and visited < MAX_PAGES:
        url = queue.popleft()
        response = client.get(url)
        visited += 1
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        page = _Page()
        page.feed(response.content.decode())
        issues = [issue for text in page.texts for issue in problems_in(text)]
        if issues:
            found[url] = sorted(set(issues))
        for href in page.links:
            target = urldefrag(urljoin(url, href)).url
            parts = urlsplit(target)
            if parts.netloc:
                continue
            if target not in seen and _worth_visiting(parts.path, seen_states, state_of):
                seen.add(target)
                queue.append(target)
    return found, visited


def test_every_public_and_desk_page_of_the_demo_reads_in_indonesian(cast, elections):
    from netra.cases.models import Case, Report

    load_demo(today=DEMO_TODAY, count=40)
    state_of = dict(Case.objects.values_list("pk", "state"))
    # The reporter's status page of one report in each state.
    codes = dict(Report.objects.values_list("case__state", "tracking_code"))
    public = Client(HTTP_ACCEPT_LANGUAGE="id-ID,id;q=0.9")
    desk = Client(HTTP_ACCEPT_LANGUAGE="id-ID,id;q=0.9")
    desk.force_login(cast["bawaslu_jabar"])
    starts = ["/", "/lapor/", "/status/", *(f"/status/{code}/" for code in codes.values())]
    found, public_pages = _walk(public, starts, state_of)
    found_desk, desk_pages = _walk(
        desk, ["/desk/", "/desk/kasus/baru/", "/desk/pemberitahuan/"], state_of
    )
    assert public_pages > 10
    assert desk_pages > 30
    assert found | found_desk == {}
