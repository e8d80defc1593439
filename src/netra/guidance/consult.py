"""Answer "Bolehkah ASN ...?": from the curated FAQ, from the rulebook, or say it is not known.

The order is fixed: a FAQ entry written for exactly this question wins (voting, a spouse's
campaign, PPPK status: no act of the rulebook); then an act read in the question is answered from
`Rulebook.applicability` (allowed or not, the norms with their articles, the sanction by date,
the provisional caveats); then the closest FAQ or published answer if it covers most of the
question's words; otherwise the answer is "not known", never a guess, and the question can go to
Bawaslu's desk.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum

from netra.analysis.classify import GENERIC_ACTS
from netra.guidance import conventions
from netra.guidance import reading as reader
from netra.guidance.chooser import Choice, Chooser, model_probabilities
from netra.guidance.dates import StatedDate, stated_date, stated_year
from netra.guidance.fallback import NONE_LABEL, Fallback, Guess, load_fallback
from netra.guidance.faq import FaqEntry, FaqKind, by_precedence, first_match, load_faq
from netra.guidance.ranking import FaqRanker
from netra.guidance.reading import (
    PEMILU,
    PEMILU_WORDS,
    PILKADA,
    Reading,
    names_own_candidacy,
    read_question,
)
from netra.guidance.search import Document, Hit, SearchIndex
from netra.guidance.vocabulary import Conditional, load_vocabulary
from netra.rulebook import Applicability, Enterprise, Rulebook, Sanction, load_rulebook
from netra.rulebook.provenance import public_source
from netra.rulebook.types import Act

# A retrieved FAQ answer is given as the answer only when it holds this share of the question's
# content words; below it the hits are shown as related, and the question is "not answered".
MIN_COVERAGE = 0.6
# Below MIN_COVERAGE but at or above this share, the closest written answer is named and the
# answer says Netra is not sure ("tidak yakin") instead of guessing a verdict from it.
UNSURE_COVERAGE = 0.35
RELATED_LIMIT = 4
MAX_QUESTION_CHARS = 1_000
# Who asks is a relative of an official ("istri polisi", "anggota Persit"): the FAQ entry that
# says what a non-official relative may do answers, except for acts that use the official's own
# office (a service car), which the official's rules still answer.
FAMILY_ENTRY = "faq:family-of-asn"
# An official's own candidacy; when the question's candidate is a relative, it does not answer.
OWN_CANDIDACY_ENTRY = "faq:asn-runs-for-office"
# Round 13: a running question (`Reading.asks_to_run`) reaches the own-candidacy entry without
# its word groups; False for measuring without it.
RUNNING_REACHES_ENTRY = True
# Round 19: for TNI and Polri the entry that answers one's own candidacy is the TNI/Polri entry
# (UU 7/2017 Pasal 240 ayat (1) huruf k; UU 2/2002 Pasal 28); False for measuring without it.
SERVICE_RUNNING_REACHES_ENTRY = True
SERVICE_CANDIDACY_ENTRY = "faq:tni-polri-vote"
_SERVICE_SUBJECTS = frozenset({"tni", "polri"})
# Acts of one's own candidacy, which a question of what the candidacy requires is not about.
_OWN_CANDIDACY_ACTS = frozenset({"self_declaration", "party_approach", "self_promotion"})
# Round 16: "honorer K2 yang sudah lulus PPPK", "guru honorer yang akan diangkat menjadi PPPK":
# an ASN status stated after a person-status entry's words, with a word of having or gaining it
# between them, is who asks; the honorary-staff entry then does not answer (switch to measure).
STATUS_STATED_AFTER = True
# Round 20: when the rulebook holds no rule for who asks and the act read first ("bupati
# menempelkan stiker bergambar dirinya pada paket bantuan": self-promotion, no rule for a
# kepala daerah), the next act read that has one answers, with a caveat naming the first;
# False for measuring without it.
NEXT_ACT_WITH_A_RULE = True
# Round 21: an act the law defines by the candidate it favours (a decision or programme, directing
# votes, facilities of office used for a candidate), asked with the election's candidate named
# and no date, is asked about the time there is a candidate to favour. Where the rulebook forbids
# it on every day from the first day its rule is in force to the end of the election (the Pasal
# 71 windows, the rules from penetapan), that is the answer; a rule in force only in the middle of
# the election (the Pemilu's campaign period) still leaves it to the date. False to measure.
CANDIDATE_DEFINED_TAIL = True
CANDIDATE_DEFINED_ACTS = frozenset({"partisan_decision", "mobilization", "state_facility_use"})
# Round 23: an official's own candidacy named ("bupati yang akan maju lagi", "petahana",
# "pencalonannya") is the candidate such an act favours: the same tail applies (CV: t30).
OWN_CANDIDACY_FAVOURED = True
# Round 36: a conditional act placed on a holiday or a weekend is asked without the leave
# condition (vocabulary.yaml `free_days`: leave is for working days only). False to measure.
FREE_DAYS = True
_STATUS_WORDS = frozenset(
    {"lulus", "menjadi", "jadi", "diangkat", "angkat", "berstatus", "status", "sebagai"}
)
_STATUS_SUBJECTS = frozenset({"pns", "pppk", "asn"})
_STATUS_REACH = 6  # words from the entry's word to the status named after it
# Offices held by ASN officials who run as ASN: a Pj kepala daerah (UU 10/2016 Pasal 201).
_RUNNING_AS = {"acting_regional_head": "asn"}
# Concepts that put a question in an election (a candidate, a party, a campaign event, a vote,
# support, a team, campaign material, a candidacy, a transfer of officials, the FAQ's statuses):
# a question with none of them is not about neutrality in an election, and the learned fallback
# does not guess an act or entry for it.
ELECTION_CONCEPTS = frozenset(
    {
        "candidate", "party", "election", "event", "support", "vote_verb", "partiality", "props",
        "team", "team_role", "ktp", "declare", "promo", "approach", "membership",
        "membership_role", "partisan_symbol", "rotation", "independent_path", "witness",
        "engage_verb", "post_verb", "social_media", "photo", "mobilize_verb", "gift",
    }
)  # fmt: skip
# Round 23: a dated question naming a stage but no kind of election is asked about the 2024
# election whose stage holds the date (`Consultant._election_whose_stage_holds`).
STAGE_PICKS_ELECTION = True
# Round 27: whose candidacy a relative clause describes. A clause "yang ... maju/mencalonkan diri"
# about someone named after the official ("baliho bupati petahana yang akan maju", "reses anggota
# dewan yang sedang mencalonkan diri kembali") is that person's candidacy whatever aspect or
# modal words stand between "yang" and the verb, so the own-candidacy entry does not answer
# (`_someone_else_runs`); round 10's rule read only "yang" right before the verb.
CLAUSE_ASPECT_WORDS = True
_ASPECT_WORDS = frozenset(
    {"akan", "sedang", "hendak", "ingin", "mau", "telah", "sudah", "masih", "kembali", "juga",
     "berencana", "berniat", "bakal", "lagi", "pernah", "baru", "tengah"}
)  # fmt: skip
_ELECTION_KIND_WORDS = PEMILU_WORDS | frozenset(
    {"pilkada", "pilbup", "pilgub", "pilwali", "pilwalkot", "pemilihan", "bupati", "gubernur",
     "wali", "walikota", "cabup", "cagub", "cawalkot", "cawabup", "cawagub", "kepala"}
)  # fmt: skip
_ACTS_OF_THE_OFFICE = frozenset({"state_facility_use", "official_rotation", "partisan_decision"})
# A relative's own activity in an election named without an act the rules read: running,
# a party, a campaign team (round 12). Not a vote or bare support (no question of neutrality for
# a relative, as before), nor a campaign event or a role word alone:
# "anggota Persit terlibat aktif dalam kampanye" is about the corps' own rules for its members'
# wives (x12), "anggota" naming the wife, not a membership.
_OWN_ACTIVITY = frozenset(
    {"candidate", "party", "team", "membership", "declare", "approach"}
)  # fmt: skip
# A question that names no one who acts ("Bolehkah mobil dinas dipakai untuk kampanye?") is
# answered for each kind of official the rulebook binds for the act, led by the consultation's
# usual asker (ASN); PNS, PPPK and a Penjabat take the ASN rules, so they are not listed again.
EVERY_KIND = (
    "asn", "tni", "polri", "village_head", "village_official", "regional_head", "bumn_bumd",
)  # fmt: skip
ROLE_CAVEAT = (
    "jabatan disebut tanpa status kepegawaian: dijawab untuk ASN (PNS/PPPK); tenaga honorer atau "
    "pegawai swasta bukan ASN (lihat FAQ tenaga honorer)"
)


class Basis(StrEnum):
    """Where an answer comes from."""

    RULEBOOK = "rulebook"
    FAQ = "faq"
    PUBLISHED = "published"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Related:
    """Another answer worth reading: its key (`faq:<id>`, `act:<code>`, `published:<id>`)."""

    key: str
    title: str


@dataclass(frozen=True, slots=True)
class KindVerdict:
    """What the rulebook says of the act for one kind of official, when the question names none."""

    subject: str
    label: str
    allowed: bool | None
    summary: str
    norms: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "subject": self.subject,
            "label": self.label,
            "allowed": self.allowed,
            "summary": self.summary,
            "norms": list(self.norms),
        }


@dataclass(frozen=True, slots=True)
class Answer:
    """The answer to one question; `allowed` is None when it depends on `depends_on`."""

    question: str
    basis: Basis
    allowed: bool | None
    text: str
    act: str | None = None
    act_label: str | None = None
    subject: str | None = None
    subject_label: str | None = None
    on: date | None = None
    election: str | None = None
    norms: tuple[str, ...] = ()
    sanctions: tuple[Sanction, ...] = ()
    caveats: tuple[str, ...] = ()
    depends_on: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    entry_id: str | None = None
    related: tuple[Related, ...] = field(default=())
    # The question names no one who acts: the act's rule for each kind of official, the answer's
    # own (`subject`) first.
    by_subject: tuple[KindVerdict, ...] = ()

    @property
    def is_answered(self) -> bool:
        return self.basis is not Basis.NONE

    def to_dict(self) -> dict[str, object]:
        """The JSON shape of `netra ask --format json` (issue 13)."""
        return {
            "question": self.question,
            "allowed": self.allowed,
            "answer": self.text,
            "basis": self.basis.value,
            "act": self.act,
            "subject": self.subject,
            "date": self.on.isoformat() if self.on else None,
            "election": self.election,
            "norms": list(self.norms),
            "sanctions": [sanction.to_dict() for sanction in self.sanctions],
            "caveats": list(self.caveats),
            "depends_on": list(self.depends_on),
            "sources": list(self.sources),
            "faq": self.entry_id,
            "related": [{"key": r.key, "title": r.title} for r in self.related],
            "by_subject": [verdict.to_dict() for verdict in self.by_subject],
        }


@dataclass(frozen=True, slots=True)
class _Calendar:
    """The election a question's date or written year places it in (`election`: None when the
    rulebook holds no calendar for it), its kind and the year read."""

    election: str | None
    kind: str
    year: int
    from_year: bool


class QuestionError(ValueError):
    """The question cannot be read (empty, too long); the message says why."""


class Consultant:
    """Answers questions from one rulebook, the FAQ and any answers published from the desk."""

    def __init__(
        self,
        rulebook: Rulebook | None = None,
        faq: Sequence[FaqEntry] | None = None,
        published: Sequence[FaqEntry] = (),
        *,
        fallback: Fallback | None = None,
        use_fallback: bool = True,
        chooser: Chooser | None = None,
    ) -> None:
        """`fallback`: the learned model for questions the rules cannot place (the packaged one
        unless given); `use_fallback=False` answers from the rules alone. `chooser`: a learned
        chooser between the answer's reading and the others (`chooser.py`), used only when
        given (none is shipped: it did not improve cross-validation, docs/consultation.md
        round 6); it needs the fallback."""
        self.rulebook = rulebook or load_rulebook()
        self.fallback = (fallback or load_fallback()) if use_fallback else None
        self.chooser = chooser if self.fallback is not None else None
        self.faq = tuple(load_faq() if faq is None else faq)
        self.published = tuple(published)
        self._entries = {f"faq:{e.id}": e for e in self.faq} | {
            f"published:{e.id}": e for e in self.published
        }
        documents = [
            Document(key, entry.question, " ".join((*entry.phrasings, entry.answer)))
            for key, entry in self._entries.items()
        ]
        documents += [
            Document(f"act:{act.code}", act.label_id, act.description)
            for act in self.rulebook.acts.values()
        ]
        self.index = SearchIndex(documents)
        # A matching FAQ entry is weighed against the question as a whole (ranking.py, round 9).
        self.ranker = FaqRanker(
            {key: entry for key, entry in self._entries.items() if key.startswith("faq:")},
            [_act_text(act) for act in self.rulebook.acts.values()],
        )

    def entry(self, key: str) -> FaqEntry | None:
        """The FAQ or published entry with this key (`faq:<id>`, `published:<id>`)."""
        return self._entries.get(key)

    def ask(
        self,
        question: str,
        *,
        subject: str | None = None,
        on: date | None = None,
        election: str | None = None,
    ) -> Answer:
        """The answer to `question` for `subject` on `on` (None: any date of the election).

        The answer, its caveats and what it depends on are in Bahasa Indonesia, the language the
        question is asked in; notes quoted from the rulebook keep the rulebook's wording.
        """
        text = " ".join(question.split())
        if not text:
            raise QuestionError("the question is empty: ask e.g. 'Bolehkah ASN ikut kampanye?'")
        if len(text) > MAX_QUESTION_CHARS:
            raise QuestionError(
                f"the question is {len(text)} characters long: keep it under {MAX_QUESTION_CHARS}"
            )
        if subject is not None:
            self.rulebook.subject(subject)  # an UnknownCodeError names the valid codes
        if election is not None:
            self.rulebook.election(election)
        reading = read_question(text)
        acts = reading.acts if reading.is_permission_question else ()
        # Round 32: the shapes the sets once labelled two ways are read by the written
        # conventions (conventions.py, docs/consultation.md, "The label conventions (round 32)").
        acts = conventions.follow(acts, reading.raw_words)
        written = stated_date(text) if on is None else None
        if written is not None:
            on = written.day
        if STAGE_PICKS_ELECTION and election is None and on is not None:
            election = self._election_whose_stage_holds(reading, on)
        calendar = self._calendar(text, reading, on) if election is None else None
        if calendar is not None and calendar.election is not None:
            election = calendar.election
        answer = self._in_calendar(
            _with_written_date(
                self._answer(text, reading, acts, None, subject, on, election), written
            ),
            calendar,
        )
        choice = self._choose(reading, acts, answer)
        if choice is None:
            return answer
        kind, _, key = choice.label.partition(":")
        if kind == "act":
            acts = (key, *(act for act in acts if act != key))
        chosen = self._in_calendar(
            _with_written_date(
                self._answer(text, reading, acts, choice, subject, on, election), written
            ),
            calendar,
        )
        if choice.label not in (chosen.entry_id, f"act:{chosen.act}") or not chosen.is_answered:
            return answer
        note = (
            f"bacaan dipilih oleh model pemilih (keyakinan {choice.score:.0%}), bukan bacaan "
            "pertama aturan pembaca pertanyaan: periksa apakah perbuatannya sama"
        )
        return replace(chosen, caveats=(note, *chosen.caveats))

    def _election_whose_stage_holds(self, reading: Reading, on: date) -> str | None:
        """Round 23: a question that names no kind of election but names a stage ("selama masa
        kampanye") with a date, when the stage of the election its words default to (the
        Pilkada) does not hold the date and the other 2024 election's does, is asked about that
        other election (CV: k28, "pose jempol selama masa kampanye" dated 10 Jan 2024, the
        Pemilu's campaign); None leaves the election to the words and the date as before."""
        if reading.stage is None or ":" in reading.stage:
            return None
        if _ELECTION_KIND_WORDS.intersection(reading.words):
            return None
        book = self.rulebook
        other = PEMILU if reading.election == PILKADA else PILKADA

        def holds(election: str) -> bool:
            return any(
                stage.code == reading.stage and stage.contains(on)
                for stage in book.election(election).stages
            )

        if holds(reading.election) or not holds(other):
            return None
        return other

    def _calendar(self, text: str, reading: Reading, on: date | None) -> _Calendar | None:
        """The election a question's date (or, with none, the year it writes after an election
        word or a month: "Pilkada 2020", "Maret 2020") places it in, when that is not the
        election its words name (`Reading.election`, the 2024 ones); None when it is, or when
        the question gives neither (round 21)."""
        book = self.rulebook
        kind = book.election(reading.election).kind
        year = stated_year(text) if on is None else None
        day = on if on is not None else (date(year, 1, 1) if year is not None else None)
        if day is None:
            return None
        found = book.election_for(kind, day)
        if found == reading.election:
            return None
        return _Calendar(found, kind.value, day.year, year is not None)

    def _in_calendar(self, answer: Answer, calendar: _Calendar | None) -> Answer:
        """An answer from the rulebook in the election the question's date picked: saying so,
        or, when the rulebook holds no calendar for that date, no answer (round 21)."""
        if calendar is None or answer.basis is not Basis.RULEBOOK:
            return answer
        if calendar.election is None:
            name = "Pilkada" if calendar.kind == "pilkada" else "Pemilu"
            return replace(
                answer,
                basis=Basis.NONE,
                allowed=None,
                text=(
                    f"Belum ada jawaban: rulebook Netra tidak memuat kalender {name} untuk tahun "
                    f"{calendar.year}, sehingga tidak diketahui tahapan dan masa larangan yang "
                    "berlaku pada waktu itu. Kirim pertanyaan ke Bawaslu agar dijawab petugas."
                ),
                norms=(),
                sanctions=(),
                caveats=(
                    f"kalender {name} {calendar.year} tidak ada di rulebook Netra: tidak dijawab "
                    "menurut kalender 2024",
                ),
                depends_on=(f"tahapan {name} {calendar.year} (di luar rulebook Netra)",),
                election=None,
            )
        held = self.rulebook.election(calendar.election)
        how = "tahun" if calendar.from_year else "tanggal"
        notes = (
            f"dijawab menurut kalender {held.label_id}, dipilih dari {how} dalam pertanyaan",
            *((held.note_id,) if held.note_id else ()),
        )
        return replace(answer, caveats=(*notes, *answer.caveats))

    def _choose(self, reading: Reading, acts: tuple[str, ...], answer: Answer) -> Choice | None:
        """The chooser's candidate when it is confident that another reading than the answer's
        is the question's. Only an answer from the rulebook or the FAQ on a question the rules
        read an act in is reconsidered: an unanswered question stays unanswered, and never one
        outside the scope or about a relative."""
        if (
            self.chooser is None
            or self.fallback is None
            or not acts
            or reading.outside_reason is not None
            or reading.relative_of is not None
        ):
            return None
        kept = answer_label(answer)
        if kept is None:
            return None
        probabilities = model_probabilities(self.fallback, reading)
        choice = self.chooser.choose(reading, kept, acts, probabilities)
        if choice is None:
            return None
        kind, _, key = choice.label.partition(":")
        known = key in self.rulebook.acts if kind == "act" else choice.label in self._entries
        return choice if known else None

    def _answer(
        self,
        text: str,
        reading: Reading,
        acts: tuple[str, ...],
        choice: Choice | None,
        subject: str | None,
        on: date | None,
        election: str | None,
    ) -> Answer:
        who = subject or reading.subject
        is_subject_known = subject is not None or reading.is_subject_stated
        election_id = election or reading.election
        hits = self.index.search(text, limit=RELATED_LIMIT + 2)
        if choice is not None:
            # The chooser's reading, confident against the answer's (chooser.py).
            kind, _, key = choice.label.partition(":")
            if kind == "faq":
                entry = self._entries[choice.label]
                return self._from_entry(text, choice.label, entry, reading, who, hits)
            if is_subject_known:
                return self._from_rulebook(text, key, reading, who, on, election_id, hits, acts[1:])
        if (
            reading.relative_of is not None
            and not is_subject_known
            and (acts or (reader.RELATIVES_OWN_ACTIVITY and reading.concepts & _OWN_ACTIVITY))
        ):
            # "Bolehkah istri kepala desa ikut kampanye?": the relative is not bound as the
            # official is; a vote or bare support by a relative is no question of neutrality.
            family = self._entries.get(FAMILY_ENTRY)
            if acts and acts[0] in _ACTS_OF_THE_OFFICE:
                return self._from_rulebook(
                    text, acts[0], reading, reading.relative_of, on, election_id, hits, acts[1:]
                )
            if family is not None and (not acts or acts[0] not in GENERIC_ACTS):
                # The relative's own candidacy, party or campaign (round 12: also when no act
                # is read, "istri Kapolsek maju sebagai caleg"): what the relative may do, and
                # what the official related to them must still not do.
                answer = self._from_entry(text, FAMILY_ENTRY, family, reading, "other", hits)
                note = f"penanya adalah kerabat {reading.relative_of!r}, bukan pejabatnya sendiri"
                duty = (
                    f"pejabatnya ({reading.relative_of}) tetap terikat larangan netralitas: tidak "
                    "ikut kegiatan kampanye, tim atau partai kerabatnya dan tidak memakai "
                    "fasilitas dinas untuknya"
                )
                return replace(answer, caveats=(note, duty, *answer.caveats))
            acts = ()
        if reading.is_permission_question:
            matched: list[tuple[str, FaqEntry]] = []
            faq_who = who
            if reading.asks_to_run:
                # "Apakah PNS harus mundur saat mendaftar ke partai politik?": what the candidacy
                # requires is asked, not whether registering or approaching a party is allowed;
                # a Pj kepala daerah is an ASN official (UU 10/2016 Pasal 201 ayat (10)-(11))
                # who resigns as one to run (round 12).
                acts = tuple(act for act in acts if act not in _OWN_CANDIDACY_ACTS)
                faq_who = _RUNNING_AS.get(who, who)
            for key, entry in self._entries.items():
                if not key.startswith("faq:") or not entry.matches(
                    reading.words,
                    faq_who,
                    raw_words=reading.raw_words,
                    is_subject_stated=is_subject_known,
                ):
                    continue
                if acts and acts[0] not in GENERIC_ACTS and acts[0] not in entry.covers:
                    continue
                if key == OWN_CANDIDACY_ENTRY and (
                    reading.is_relative_candidate
                    or (not reading.asks_to_run and _someone_else_runs(entry, reading))
                ):
                    continue
                if entry.about_who_asks and _names_someone_else(entry, reading):
                    # "Kepala sekolah mengajak guru tidak tetap ...": the honorary teachers are
                    # whom the official acts on; the official's own rules answer.
                    continue
                if entry.about_who_asks and STATUS_STATED_AFTER and _status_after(entry, reading):
                    # "Honorer yang sudah lulus PPPK": the status now held answers (round 16).
                    continue
                if key == FAMILY_ENTRY and reading.is_subject_stated:
                    # "ASN hadir di acara anaknya": an official who asks is not the relative.
                    continue
                matched.append((key, entry))
            # An entry that shares a word or two with a question about an act does not answer
            # it: "berkampanye meskipun memiliki hak pilih" is not a vote question (round 9).
            matched = [(key, entry) for key, entry in matched if self.ranker.answers(key, reading)]
            # Round 19: a soldier's or police officer's running question reaches the TNI/Polri
            # entry, which answers their candidacy (round 12), as an ASN's reaches the
            # own-candidacy entry.
            own_key = (
                SERVICE_CANDIDACY_ENTRY
                if SERVICE_RUNNING_REACHES_ENTRY and faq_who in _SERVICE_SUBJECTS
                else OWN_CANDIDACY_ENTRY
            )
            own = self._entries.get(own_key)
            if (
                RUNNING_REACHES_ENTRY
                and reading.asks_to_run
                and own is not None
                and faq_who in own.subjects
                and not reading.is_relative_candidate
                and all(key != own_key for key, _ in matched)
            ):
                # Round 13: "ikut penjaringan bakal calon ... harus mengundurkan diri?": the
                # reading already found a question of what running requires (an obligation, a
                # resignation or leave, a word of candidacy), so the own-candidacy entry answers
                # it even when none of its word groups is in the question.
                matched.append((own_key, own))
            chosen = by_precedence(matched)
            if chosen is not None:
                return self._from_entry(text, chosen[0], chosen[1], reading, who, hits)
        best = hits[0] if hits else None
        # Retrieval answers only with what was written as an answer to read (information entries
        # and answers published from the desk); a permission is never inferred from similar words.
        closest = None
        if best is not None and best.coverage >= MIN_COVERAGE:
            written = self._entries.get(best.key)
            if written is not None and (
                best.key.startswith("published:") or written.kind is FaqKind.INFORMATION
            ):
                closest = best
        # A generic reading ("tidak netral", "saksi") yields to an answer written for the question.
        if closest is not None and (not acts or acts[0] in GENERIC_ACTS):
            return self._from_entry(
                text, closest.key, self._entries[closest.key], reading, who, hits
            )
        guess = None
        notes: tuple[str, ...] = ()
        if (
            self.fallback is not None
            and not acts
            and reading.is_permission_question
            and reading.outside_reason is None
            and reading.relative_of is None
            and reading.concepts & ELECTION_CONCEPTS
        ):
            # The rules read no act: the learned fallback may place the question (fallback.py),
            # if it is about an election at all ("mudik pakai mobil dinas" is not).
            guess = self.fallback.guess(reading)
            if guess.is_sure:
                note = (
                    f"dibaca oleh model cadangan (keyakinan {guess.confidence:.0%}), bukan oleh "
                    "aturan pembaca pertanyaan: periksa apakah perbuatannya sama"
                )
                kind, _, key = guess.label.partition(":")
                guessed = self._entries.get(guess.label)
                if kind == "faq" and guessed is not None:
                    answer = self._from_entry(text, guess.label, guessed, reading, who, hits)
                    return replace(answer, caveats=(note, *answer.caveats))
                if kind == "act" and key in self.rulebook.acts:
                    if is_subject_known:
                        answer = self._from_rulebook(
                            text, key, reading, who, on, election_id, hits, ()
                        )
                        return replace(answer, caveats=(note, *answer.caveats))
                    acts = (key,)
                    notes = (note,)
        if acts and is_subject_known:
            first = self._from_rulebook(
                text, acts[0], reading, who, on, election_id, hits, acts[1:]
            )
            if NEXT_ACT_WITH_A_RULE and not first.is_answered and first.basis is Basis.NONE:
                later = self._next_act_with_a_rule(text, acts, reading, who, on, election_id, hits)
                if later is not None:
                    return later
            return first
        if acts and reading.names_no_one and reading.outside_reason is None:
            # "Bolehkah mobil dinas dipakai untuk kampanye?": no one is named, so the act is
            # answered for each kind of official the rulebook binds, led by ASN.
            every = self._for_every_kind(text, acts, reading, on, election_id, hits)
            if every is not None:
                return replace(every, caveats=(*notes, *every.caveats))
        caveat = "di luar cakupan: tidak ada perbuatan dalam aturan atau entri FAQ yang menjawabnya"
        if reading.outside_reason is not None:
            caveat = f"di luar cakupan: {reading.outside_reason}"
        elif acts:
            caveat = "pertanyaan tidak menyebut siapa pelakunya (ASN, TNI, Polri, perangkat desa?)"
        reply = (
            "Belum ada jawaban untuk pertanyaan ini di aturan dan FAQ Netra. Kirim pertanyaan "
            "ke Bawaslu agar dijawab petugas."
        )
        unsure_title = self._title(guess) if guess is not None and not guess.is_sure else None
        if unsure_title is not None and (best is None or best.coverage < MIN_COVERAGE):
            # The model has a guess below its threshold: name it, answer nothing from it.
            reply = (
                f'Netra tidak yakin: pertanyaan ini mungkin tentang "{unsure_title}", tetapi '
                "tidak cukup jelas untuk menjawabnya. Baca jawaban terkait di bawah, atau kirim "
                "pertanyaan ke Bawaslu agar dijawab petugas."
            )
        elif best is not None and best.coverage >= UNSURE_COVERAGE:
            # Similar words are not an answer: name the closest one and say so.
            reply = (
                f'Netra tidak yakin: pertanyaan ini mirip dengan "{best.title}", tetapi tidak '
                "cukup untuk menjawabnya. Baca jawaban terkait di bawah, atau kirim pertanyaan ke "
                "Bawaslu agar dijawab petugas."
            )
        return Answer(
            question=text,
            basis=Basis.NONE,
            allowed=None,
            text=reply,
            act=acts[0] if acts else None,
            act_label=self.rulebook.act(acts[0]).label_id if acts else None,
            subject=who if is_subject_known else None,
            caveats=(caveat,),
            related=_with_guess(_related(hits, exclude=None), guess, unsure_title),
        )

    def _title(self, guess: Guess) -> str | None:
        """The title of the act or entry the model guessed (None for "none")."""
        if guess.label == NONE_LABEL:
            return None
        kind, _, key = guess.label.partition(":")
        if kind == "act":
            act = self.rulebook.acts.get(key)
            return act.label_id if act is not None else None
        entry = self._entries.get(guess.label)
        return entry.question if entry is not None else None

    # -- answers ---------------------------------------------------------------------------------

    def _from_entry(
        self,
        text: str,
        key: str,
        entry: FaqEntry,
        reading: Reading,
        who: str,
        hits: Sequence[Hit],
    ) -> Answer:
        caveats = list(entry.caveats)
        if entry.kind is FaqKind.PERMISSION and not reading.is_subject_stated and entry.subjects:
            caveats.append(f"pertanyaan tidak menyebut subjek: dijawab untuk {who!r}")
        if reading.is_role_assumed and entry.subjects:
            caveats.append(ROLE_CAVEAT)
        allowed = entry.allowed
        depends_on = entry.depends_on
        settled = entry.resolved(reading.words)
        if settled is not None:
            # "... asal sudah cuti": the question states what the answer depends on.
            allowed, said = settled
            depends_on = ()
            caveats.append(f"pertanyaan menyebut {said!r}: {'boleh' if allowed else 'tidak boleh'}")
        return Answer(
            question=text,
            basis=Basis.PUBLISHED if key.startswith("published:") else Basis.FAQ,
            allowed=allowed,
            text=entry.answer,
            subject=who if entry.kind is FaqKind.PERMISSION else None,
            norms=entry.norms,
            caveats=tuple(caveats),
            depends_on=depends_on,
            sources=_public_sources((entry.source,)),
            entry_id=key,
            related=_related(hits, exclude=key),
        )

    def _from_rulebook(
        self,
        text: str,
        act: str,
        reading: Reading,
        who: str,
        on: date | None,
        election: str,
        hits: Sequence[Hit],
        other_acts: Sequence[str],
    ) -> Answer:
        book = self.rulebook
        act_value = book.act(act)
        subject_value = book.subject(who)
        vocabulary = load_vocabulary()
        # Round 18: a BUMN or a BUMD named ("pegawai PDAM", "direksi bank daerah") keeps the
        # entries of that kind only: the BUMN minister's circular does not bind a BUMD.
        enterprise = vocabulary.enterprise_in(reading.words) if who == "bumn_bumd" else None
        applicability = book.applicability(act, who, on, election, enterprise=enterprise)
        caveats: list[str] = []
        depends_on: list[str] = []
        entries, _ = book.rule_entries(act, who, enterprise)
        # Entries only for the other kind of election do not make the act lawful in this one:
        # the rulebook then holds no rule here, which is an unknown, not a permission.
        kind = book.election(election).kind
        entries = tuple(e for e in entries if e.election_kind in (None, kind))
        conditional = vocabulary.conditions_for(act, who, {e.sanction for e in entries})
        caveats_free_day = ""
        if conditional is not None and FREE_DAYS:
            # Round 36: "pada hari Sabtu ... tanpa mengambil cuti": leave is needed on working
            # days only, so on a holiday the conditions left decide.
            stated = conditional.on_free_day(reading.words)
            if stated is not conditional:
                caveats_free_day = "pertanyaan menyebut hari libur: cuti hanya untuk hari kerja"
            conditional = stated
        breach = (
            conditional.breach_in(reading.undenied_words or reading.words) if conditional else None
        )
        settled = vocabulary.settled_for(act, who)
        exception = vocabulary.exception_for(act, who)
        leave = exception.reading(reading.words) if exception else None
        if reading.is_role_assumed:
            caveats.append(ROLE_CAVEAT)
        if caveats_free_day:
            caveats.append(caveats_free_day)
        allowed: bool | None
        if conditional is not None:
            # Lawful on conditions (a kepala daerah campaigning on leave), which the answer's
            # text names, unless the question says one is broken ("tanpa cuti"); the sanctions
            # shown are those for breaking them.
            allowed = breach is None
            if breach is not None:
                caveats.append(f"pertanyaan menyebut syarat yang tidak dipenuhi: {breach!r}")
        elif not entries:
            # The rulebook holds no rule for this subject and act (a BUMD employee's own
            # candidacy, a rule of the other kind of election only): Netra does not know, so the
            # answer says so and sends the question to Bawaslu instead of guessing a verdict.
            return self._outside_rulebook(text, act, who, election, hits)
        elif on is not None:
            allowed = not applicability.applicable
        else:
            allowed, when = self._over_the_election(act, who, election, enterprise=enterprise)
            period = self._stated_period(reading.stage, election)
            if allowed is None and period is not None:
                # "... selama cuti kampanye": the question names the period, so the rulebook is
                # asked about that period only, not every stage of the election.
                allowed, when = self._over_the_election(
                    act, who, election, within=period, enterprise=enterprise
                )
                caveats.append(
                    f"pertanyaan menyebut periode {period[0].isoformat()} s.d. "
                    f"{period[1].isoformat()}: dijawab untuk periode itu"
                )
            presumed = self._stated_period(reading.presumed_stage, election)
            # Round 13: an act a rule forbids unless leave is granted (a transfer without the
            # Minister's approval) still depends on that leave when the question does not say:
            # a presumed period does not settle it ("Jelang pilkada, petahana dilarang mutasi?").
            unresolved_leave = exception is not None and leave is None
            if allowed is None and period is None and presumed is not None and not unresolved_leave:
                # "Gubernur yang berkampanye menggunakan fasilitas negara": the act presumes its
                # period (a campaign is in the campaign period; one's own candidacy from the
                # registration of candidates). Where the rulebook gives one verdict on every day
                # of that period, it is the answer; otherwise the date still decides (round 10).
                found, _ = self._over_the_election(
                    act, who, election, within=presumed, enterprise=enterprise
                )
                if found is not None:
                    allowed = found
                    label = _PRESUMED_LABELS.get(reading.presumed_stage or "", "periode")
                    caveats.append(
                        f"pertanyaan mengandaikan periode {presumed[0].isoformat()} s.d. "
                        f"{presumed[1].isoformat()} ({label}): "
                        "jawabannya sama pada setiap tanggal periode itu"
                    )
            if (
                CANDIDATE_DEFINED_TAIL
                and allowed is None
                and period is None
                and not unresolved_leave
                and act in CANDIDATE_DEFINED_ACTS
                and (
                    "candidate" in reading.concepts
                    or (OWN_CANDIDACY_FAVOURED and names_own_candidacy(reading.raw_words))
                )
            ):
                first_day = self._in_force_to_the_end(act, who, election, enterprise=enterprise)
                if first_day is not None:
                    allowed = False
                    caveats.append(
                        "pertanyaan menyebut calon yang diuntungkan: dijawab untuk masa ketika "
                        "ada calon dan aturannya berlaku (dilarang pada setiap tanggal tahapan "
                        f"yang diperiksa sejak {first_day.isoformat()}); sebelum itu belum ada "
                        "calon yang dapat diuntungkan"
                    )
            if allowed is None:
                depends_on.append(f"tanggal: dilarang {when}")
            if applicability.sanctions:
                caveats.append("tanggal tidak disebut: sanksi semua periode ditampilkan")
        if exception is not None:
            if leave is True:
                # "... jika sudah mendapat izin Mendagri": the transfer the rule allows.
                allowed = True
                caveats.append(f"pertanyaan menyebut {exception.condition}: dikecualikan")
            elif leave is False and on is None:
                # "... tanpa izin Mendagri": the question puts the act where the rule bites.
                allowed = False
                depends_on.clear()
            else:
                caveats.append(f"kecuali dengan {exception.condition}")
        for sanction in applicability.sanctions:
            if sanction.is_provisional:
                shown = sanction.note_id or sanction.note
                note = f": {shown}" if shown else ""
                caveats.append(f"bacaan sementara ({sanction.code}){note}")
            if sanction.candidate_kinds:
                kinds = ", ".join(sanction.candidate_kinds)
                depends_on.append(f"jenis calon ({kinds}) untuk {sanction.code}")
        if subject_value.note_id:
            caveats.append(" ".join(subject_value.note_id.split()))
        if settled is not None and allowed is not True:
            # Where the sources disagree, the answer names the reading Netra settled (an ADR) and
            # the other one, not only the sanction table.
            caveats.extend(settled.caveats)
        if not applicability.applicable and applicability.reason:
            caveats.append(applicability.reason)
        norms = tuple(
            dict.fromkeys(
                (
                    *(conditional.norms if conditional else ()),
                    *(settled.norms if settled and allowed is not True else ()),
                    *(exception.norms if exception and leave is not None else ()),
                    *(n.citation for s in applicability.sanctions for n in s.norms),
                )
            )
        )
        laws = {n.law for s in applicability.sanctions for n in s.norms}
        # A law is its own source; where the team read it stays in the rulebook (provenance.py).
        sources = tuple(
            f"{book.laws[code].short}: {book.laws[code].title}"
            for code in sorted(laws)
            if code in book.laws
        ) + _public_sources(
            (conditional.source,) if conditional else (),
            (exception.source,) if exception and leave is not None else (),
            (settled.source,) if settled and allowed is not True else (),
        )
        related = [Related(f"act:{code}", book.act(code).label_id) for code in other_acts]
        return Answer(
            question=text,
            basis=Basis.RULEBOOK,
            allowed=allowed,
            text=_rulebook_text(
                allowed, act_value.label_id, subject_value.label_id, applicability, conditional
            ),
            act=act,
            act_label=act_value.label_id,
            subject=who,
            subject_label=subject_value.label_id,
            on=on,
            election=election,
            norms=norms,
            sanctions=applicability.sanctions,
            caveats=tuple(dict.fromkeys(caveats)),
            depends_on=tuple(dict.fromkeys(depends_on)),
            sources=sources,
            related=tuple([*related, *_related(hits, exclude=f"act:{act}")][:RELATED_LIMIT]),
        )

    def _next_act_with_a_rule(
        self,
        text: str,
        acts: Sequence[str],
        reading: Reading,
        who: str,
        on: date | None,
        election: str,
        hits: Sequence[Hit],
    ) -> Answer | None:
        """The first act read after the first whose rules bind `who` in this election, answered
        with a caveat naming the first act (which the rulebook holds no rule for); None when no
        later act has a rule either."""
        for position in range(1, len(acts)):
            answer = self._from_rulebook(
                text, acts[position], reading, who, on, election, hits, acts[position + 1 :]
            )
            if answer.is_answered:
                first = self.rulebook.act(acts[0]).label_id.lower()
                note = (
                    f"rulebook Netra tidak memuat aturan bagi pelaku ini untuk {first}: "
                    "dijawab menurut perbuatan lain yang dibaca dalam pertanyaan"
                )
                return replace(answer, caveats=(note, *answer.caveats))
        return None

    def _for_every_kind(
        self,
        text: str,
        acts: Sequence[str],
        reading: Reading,
        on: date | None,
        election: str,
        hits: Sequence[Hit],
    ) -> Answer | None:
        """The act answered for each kind of official in `EVERY_KIND` the rulebook binds for it
        in this election, led by the first (ASN); None when it binds none of them."""
        answers = [
            answer
            for kind in EVERY_KIND
            if (
                answer := self._from_rulebook(
                    text, acts[0], reading, kind, on, election, hits, acts[1:]
                )
            ).is_answered
        ]
        if not answers:
            return None
        verdicts = tuple(
            KindVerdict(
                subject=answer.subject or "",
                label=answer.subject_label or "",
                allowed=answer.allowed,
                summary=_summary(answer),
                norms=answer.norms[:3],
            )
            for answer in answers
        )
        lead, others = verdicts[0], verdicts[1:]
        same = all(v.summary == lead.summary for v in others)
        note = f"pertanyaan tidak menyebut siapa pelakunya: dijawab untuk {lead.label}; " + (
            "sama bagi pelaku lain yang diatur rulebook"
            if same
            else "berbeda bagi pelaku lain (lihat daftar per pelaku)"
        )
        listed = "; ".join(f"{v.label}: {v.summary}" for v in others)
        body = answers[0].text + (f" Bagi pelaku lain: {listed}." if listed else "")
        return replace(
            answers[0], text=body, caveats=(note, *answers[0].caveats), by_subject=verdicts
        )

    def _outside_rulebook(
        self, text: str, act: str, who: str, election: str, hits: Sequence[Hit]
    ) -> Answer:
        book = self.rulebook
        act_label = book.act(act).label_id
        subject_label = book.subject(who).label_id
        election_label = book.election(election).label_id
        return Answer(
            question=text,
            basis=Basis.NONE,
            allowed=None,
            text=(
                f"Belum ada jawaban: rulebook Netra tidak memuat aturan bagi {subject_label} untuk "
                f"{act_label.lower()} dalam {election_label}. Kirim pertanyaan ke "
                "Bawaslu agar dijawab petugas."
            ),
            act=act,
            act_label=act_label,
            subject=who,
            subject_label=subject_label,
            election=election,
            caveats=(f"di luar cakupan: tidak ada aturan bagi {who!r} untuk {act!r} di rulebook",),
            depends_on=(f"aturan bagi {who!r} di luar rulebook Netra: tanyakan ke Bawaslu",),
            related=_related(hits, exclude=f"act:{act}"),
        )

    def _stated_period(self, stage: str | None, election: str) -> tuple[date, date] | None:
        """The days of the period a question names (`Reading.stage`) in this election's
        calendar, or None when it names none or the calendar has no such stage."""
        if stage is None:
            return None
        stages = {s.code: s for s in self.rulebook.election(election).stages}
        first = min(s.start for s in stages.values())
        last = max(s.end for s in stages.values())
        kind, _, code = stage.rpartition(":")
        found = stages.get(code)
        if found is None:
            return None
        if not kind:
            return found.start, found.end
        if kind == "before":
            return first, found.start - timedelta(days=1)
        if kind == "after":
            return found.start, last
        months = int(kind.partition(":")[2])
        year, month = divmod(found.start.year * 12 + found.start.month - 1 - months, 12)
        day = min(found.start.day, 28)
        return date(year, month + 1, day), found.start - timedelta(days=1)

    def _in_force_to_the_end(
        self, act: str, who: str, election: str, *, enterprise: Enterprise | None = None
    ) -> date | None:
        """The first day the act is forbidden for `who` when it stays forbidden on every later
        day of the election probed (`_over_the_election`'s days); None when it is forbidden on
        no day, or is allowed again on a later one."""
        probes: set[date] = set()
        for stage in self.rulebook.election(election).stages:
            probes |= {stage.start - timedelta(days=1), stage.start, stage.end}
        verdicts = sorted(
            (day, self.rulebook.applicability(act, who, day, election, enterprise=enterprise))
            for day in probes
        )
        forbidden = [day for day, result in verdicts if result.applicable]
        if not forbidden:
            return None
        later = [result.applicable for day, result in verdicts if day >= forbidden[0]]
        return forbidden[0] if all(later) else None

    def _over_the_election(
        self,
        act: str,
        who: str,
        election: str,
        *,
        within: tuple[date, date] | None = None,
        enterprise: Enterprise | None = None,
    ) -> tuple[bool | None, str]:
        """Allowed on every day of the election (True), on none (False), or on some (None);
        with `within`, on the days of that period only."""
        probes: set[date] = set()
        for stage in self.rulebook.election(election).stages:
            probes |= {
                stage.start - timedelta(days=1),
                stage.start,
                stage.end,
                stage.end + (timedelta(days=1)),
            }
        if within is not None:
            probes = {day for day in probes if within[0] <= day <= within[1]} | set(within)
        prohibited = sorted(
            day
            for day in probes
            if self.rulebook.applicability(
                act, who, day, election, enterprise=enterprise
            ).applicable
        )
        if len(prohibited) == len(probes):
            return False, ""
        if not prohibited:
            return True, ""
        return None, f"antara {prohibited[0].isoformat()} dan {prohibited[-1].isoformat()}"


# What a presumed period is, in the caveat's words (reading.presumed_stage).
_PRESUMED_LABELS = {
    "kampanye": "masa kampanye",
    "after:pendaftaran_paslon": "sejak pendaftaran calon, karena pencalonan sendiri disebut",
    # Round 13: "menjelang pilkada" (reading.RUN_UP_STAGE).
    "months:6:pemungutan_suara": "menjelang pemungutan suara: enam bulan sebelum hari pemungutan",
}


def _summary(answer: Answer) -> str:
    """One kind of official's verdict in a few words ("boleh dengan syarat", "tidak boleh")."""
    if answer.allowed is True:
        return "boleh dengan syarat" if "dengan syarat" in answer.text else "boleh"
    if answer.allowed is False:
        return "tidak boleh"
    first = answer.depends_on[0] if answer.depends_on else "keadaannya"
    return f"tergantung {first}"


def _someone_else_runs(entry: FaqEntry, reading: Reading) -> bool:
    """Whether the candidacy words describe another person named after the official ("ASN
    mendukung temannya yang menjadi calon"), not the official ("ASN yang maju pilkada")."""
    position = first_match(entry, reading.words, reading.raw_words)
    if position is None:
        return False
    start = position - 1
    if CLAUSE_ASPECT_WORDS:
        # "yang akan maju", "yang sedang mencalonkan diri": aspect words belong to the clause.
        while start > 0 and reading.words[start] in _ASPECT_WORDS:
            start -= 1
    return start >= 1 and reading.words[start] == "yang" and start - 1 > reading.actor_end


def _names_someone_else(entry: FaqEntry, reading: Reading) -> bool:
    """Whether a person-status entry's words come after the official who asks and a verb of
    theirs ("kepala sekolah mengajak guru tidak tetap"), so they name someone the official acts
    on, not the asker ("guru SD honorer")."""
    if not reading.is_subject_stated or reading.actor_end < 0:
        return False
    position = first_match(entry, reading.words, reading.raw_words)
    return position is not None and any(
        reading.actor_end < verb < position for verb in reading.verb_starts
    )


def _status_after(entry: FaqEntry, reading: Reading) -> bool:
    """Whether an ASN status is stated after a person-status entry's words, with a word of
    having or gaining it between them ("honorer yang sudah lulus PPPK"): who asks holds it."""
    if not reading.is_subject_stated or reading.subject not in _STATUS_SUBJECTS:
        return False
    position = first_match(entry, reading.words, reading.raw_words)
    if position is None or not 0 < reading.actor_end - position <= _STATUS_REACH:
        return False
    return any(word in _STATUS_WORDS for word in reading.words[position + 1 : reading.actor_end])


def _with_written_date(answer: Answer, written: StatedDate | None) -> Answer:
    """The answer, saying which date it was given for when the question wrote one (round 14)."""
    if written is None or not answer.is_answered:
        return answer
    note = (
        f"dijawab untuk tanggal {written.day.isoformat()}, dibaca dari pertanyaan "
        f"(\u201c{written.words}\u201d)"
    )
    return replace(answer, caveats=(note, *answer.caveats))


def answer_label(answer: Answer) -> str | None:
    """The reading an answer was given from (`act:<code>`, `faq:<id>`), None if unanswered."""
    if answer.basis is Basis.RULEBOOK and answer.act is not None:
        return f"act:{answer.act}"
    if answer.basis is Basis.FAQ and answer.entry_id is not None:
        return answer.entry_id
    return None


def _with_guess(
    related: tuple[Related, ...], guess: Guess | None, title: str | None
) -> tuple[Related, ...]:
    """The related answers with the model's unsure guess first (once)."""
    if guess is None or title is None:
        return related
    return (
        Related(guess.label, title),
        *(r for r in related if r.key != guess.label),
    )[:RELATED_LIMIT]


def _related(hits: Sequence[Hit], *, exclude: str | None) -> tuple[Related, ...]:
    return tuple(Related(h.key, h.title) for h in hits if h.key != exclude)[:RELATED_LIMIT]


def _sanction_phrase(sanction: Sanction) -> str:
    part = f" (SKB 2022 bagian {sanction.part.value})" if sanction.part else ""
    return f"{sanction.label_id}{part}"


def _rulebook_text(
    allowed: bool | None,
    act_label: str,
    subject_label: str,
    applicability: Applicability,
    conditional: Conditional | None = None,
) -> str:
    """The answer in one paragraph of Bahasa Indonesia."""
    # Rows for different periods or norms can read alike ("Hukuman disiplin berat"): the
    # paragraph names each once; the structured sanctions keep every row with its norms.
    sanctions = "; ".join(dict.fromkeys(_sanction_phrase(s) for s in applicability.sanctions))
    when = f" pada {applicability.date.isoformat()}" if applicability.date else ""
    if conditional is not None:
        terms = "; ".join(conditional.conditions)
        head = "Boleh" if allowed else "Tidak boleh"
        return (
            f"{head}{when}: hanya dengan syarat: {terms}. {act_label} oleh {subject_label} yang "
            f"melanggar syarat itu dapat ditindak ({', '.join(conditional.norms)})."
        )
    if allowed is True:
        return (
            f"Boleh{when}: tidak ada aturan dalam rulebook Netra yang melarang "
            f"{subject_label} melakukan: {act_label.lower()}."
        )
    head = "Tidak boleh" if allowed is False else "Tergantung tanggal"
    return f"{head}{when}. {act_label} oleh {subject_label} dilarang. Sanksi: {sanctions}."


def _public_sources(*groups: tuple[str, ...]) -> tuple[str, ...]:
    """The sources as an answer shows them: without the team's research notes, none empty."""
    shown = (public_source(source) for group in groups for source in group)
    return tuple(source for source in shown if source)


def _act_text(act: Act) -> str:
    """An act's Indonesian words: its label and the notes of its rules."""
    notes = (entry.note_id or "" for _, entries in act.rules for entry in entries)
    return " ".join((act.label_id, *notes))
