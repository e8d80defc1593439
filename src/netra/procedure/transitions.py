"""The transition table: every allowed move, who may make it and what it must carry.

The table is the single source for the workflow: the cases app calls `check_transition` before it
writes a CaseEvent, the UI offers `allowed_transitions`, and docs/procedure.md draws the same table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from netra.procedure.deadlines import Regime
from netra.procedure.errors import InvalidRequirement, MissingRequirement, TransitionNotAllowed
from netra.procedure.roles import (
    DECIDING_SUPERVISORS,
    DEFAULT_POLICY,
    SUPERVISORS,
    ProcedurePolicy,
    Role,
    parse_role,
)
from netra.procedure.states import (
    ASN_AUTHORITIES,
    OPENING_STATES,
    AppealKind,
    CaseState,
    ControlAction,
    ForwardRecipient,
    SanctionLevel,
    ViolationType,
    asn_authority_on,
    parse_state,
)
from netra.rulebook import Certainty, load_rulebook


class FieldKind(StrEnum):
    """The shape a required payload field must have."""

    TEXT = "text"  # a non-blank string
    DATE = "date"  # a datetime.date (not a datetime): statutory clocks run on dates
    CHOICE = "choice"  # one of a fixed set of codes (an enum member or its string value)


@dataclass(frozen=True, slots=True)
class Requirement:
    """One field a transition needs in its payload."""

    field: str
    kind: FieldKind
    description: str
    choices: tuple[str, ...] = ()

    def is_missing(self, payload: Mapping[str, object]) -> bool:
        """True when the field is absent, None or a blank string."""
        value = payload.get(self.field)
        return value is None or (isinstance(value, str) and not value.strip())

    def check_value(self, value: object, *, source: CaseState, target: CaseState) -> None:
        """Raise `InvalidRequirement` naming the field when a present value has the wrong shape."""
        where = {
            "source": source.value,
            "target": target.value,
            "source_label": source.label_id,
            "target_label": target.label_id,
            "got": type(value).__name__,
        }
        if self.kind is FieldKind.TEXT and not isinstance(value, str):
            raise InvalidRequirement(
                "moving from %(source)r to %(target)r: %(field)r must be text, got %(got)s",
                params=where,
                field=self.field,
            )
        if self.kind is FieldKind.DATE and (
            not isinstance(value, date) or isinstance(value, datetime)
        ):
            raise InvalidRequirement(
                "moving from %(source)r to %(target)r: %(field)r must be a date, got %(got)s",
                params=where,
                field=self.field,
            )
        if self.kind is FieldKind.CHOICE and (
            not isinstance(value, str) or value not in self.choices
        ):
            raise InvalidRequirement(
                "moving from %(source)r to %(target)r: %(field)r must be one of %(options)s; "
                "got %(value)r",
                params={**where, "options": ", ".join(self.choices)},
                field=self.field,
                value=str(value),
                choices=list(self.choices),
            )


@dataclass(frozen=True, slots=True)
class Transition:
    """An allowed move from `source` to `target`, who may make it and what it requires."""

    source: CaseState
    target: CaseState
    roles: frozenset[Role]
    requires: tuple[Requirement, ...]
    basis: str  # the rule or practice that the move follows

    def certainty_for(self, regime: Regime) -> Certainty:
        """Provisional for a Pilkada step whose only basis is the Pemilu Perbawaslu.

        The Pilkada handling rules are Perbawaslu 8/2020 as amended by Perbawaslu 9/2024, whose
        text could not be read (issue 8 item 13); until it is, a Pilkada step borrowed from
        Perbawaslu 7/2022 is a provisional reading.
        """
        if regime is Regime.PILKADA and self.basis.startswith(_W):
            return Certainty.PROVISIONAL
        return Certainty.CONFIRMED

    @property
    def basis_id(self) -> str:
        """The basis in Indonesian (BASES_ID); the English as written when it has none."""
        return BASES_ID.get(self.basis, self.basis)

    def basis_for(self, regime: Regime) -> str:
        """The basis as it applies in `regime`, saying so when it is borrowed."""
        if self.certainty_for(regime) is Certainty.PROVISIONAL:
            return f"{self.basis} ({_BORROWED})"
        return self.basis

    def check_payload(self, payload: Mapping[str, object]) -> None:
        """Raise `MissingRequirement` or `InvalidRequirement` naming the first bad field."""
        missing = [req.field for req in self.requires if req.is_missing(payload)]
        if missing:
            first = next(req for req in self.requires if req.field == missing[0])
            raise MissingRequirement(
                "moving from %(source)r to %(target)r requires %(field)r (%(description)s)",
                params={
                    "source": self.source.value,
                    "target": self.target.value,
                    "source_label": self.source.label_id,
                    "target_label": self.target.label_id,
                    "description": first.description,
                },
                field=first.field,
                missing=missing,
            )
        for req in self.requires:
            req.check_value(payload[req.field], source=self.source, target=self.target)
        if self.target is CaseState.FORWARDED:
            _check_asn_authority(payload)


def _text(field: str, description: str) -> Requirement:
    return Requirement(field, FieldKind.TEXT, description)


def _date(field: str, description: str) -> Requirement:
    return Requirement(field, FieldKind.DATE, description)


def _choice(field: str, description: str, codes: Iterable[StrEnum]) -> Requirement:
    return Requirement(field, FieldKind.CHOICE, description, tuple(code.value for code in codes))


REASON = _text("reason", "why, in words the reporter or the ASN can be told")
FOUND_ON = _date("found_on", "the date the supervisor found the alleged violation")
MISSING_ITEMS = _text("missing_items", "which formal or material items the reporter must supply")
COMPLETION_NOTE = _text("completion_note", "what the reporter supplied")
REGISTRATION_NUMBER = _text("registration_number", "the nomor registrasi of the report/finding")
STUDY = _text("study", "the kajian: facts, evidence and legal analysis")
DECISION = _text("decision", "the text of the pleno decision")
VIOLATION_TYPE = _choice("violation_type", "the kind of violation decided", ViolationType)
RECIPIENT = _choice("recipient", "the authority the recommendation goes to", ForwardRecipient)
LETTER_NUMBER = _text("letter_number", "the number of the forwarding letter")
LETTER_DATE = _date("letter_date", "the date of the forwarding letter")
OUTCOME = _text("outcome", "what the receiving authority did")
RECOMMENDATION_NUMBER = _text("recommendation_number", "the number of the rekomendasi to the PPK")
RECOMMENDATION_DATE = _date("recommendation_date", "the date of the rekomendasi to the PPK")
CONTROL_ACTION = _choice("control_action", "the kind of control action", ControlAction)
SANCTION_LEVEL = _choice("sanction_level", "the level of the sanction imposed", SanctionLevel)
SK_NUMBER = _text("sk_number", "the number of the SK imposing the sanction")
SK_DATE = _date("sk_date", "the date of the SK imposing the sanction")
APPEAL_KIND = _choice("appeal_kind", "keberatan or banding", AppealKind)
APPEAL_OUTCOME = _text("appeal_outcome", "the decision on the administrative appeal")
REFERRED_TO = Requirement(
    "referred_to",
    FieldKind.CHOICE,
    "the body the matter is referred to",
    tuple(
        recipient.value
        for recipient in (
            ForwardRecipient.KPU,
            ForwardRecipient.DKPP,
            ForwardRecipient.POLRI,
            ForwardRecipient.REGIONAL_GOVERNMENT,
            ForwardRecipient.OTHER_AUTHORITY,
        )
    ),
)

_DECIDE = (STUDY, DECISION)
_SANCTION = (SANCTION_LEVEL, SK_NUMBER, SK_DATE)
_RECOMMEND = (RECOMMENDATION_NUMBER, RECOMMENDATION_DATE)

_BKN = frozenset({Role.BKN_ANALYST})
_PPK = frozenset({Role.PPK_OFFICER})
_BKN_OR_PPK = _BKN | _PPK

# Sources in `basis` are cited as in legal.md §4; "practice" marks a step that follows published
# agency practice rather than a statute.
_W = "Perbawaslu 7/2022"
_BORROWED = (
    "Pilkada: borrowed from the Pemilu Perbawaslu; Perbawaslu 8/2020 as amended by Perbawaslu "
    "9/2024 was not read, so this step is provisional"
)
_WITHDRAWN = (
    f"{_W} Pasal 14, 17(3): a report withdrawn before registration may become informasi awal"
)
_BKN_STATUS = "Kemendagri status list of BKN outcomes, 4 Dec 2024 (practice)"
_CONTROL = "Perpres 116/2022; Peraturan BKN 1/2023: control action when the PPK is late or wrong"

_S = CaseState
_BEFORE_REGISTRATION = (
    _S.INITIAL_INFORMATION, _S.RECEIVED, _S.FORMAL_MATERIAL_CHECK, _S.NEEDS_COMPLETION,
)  # fmt: skip
_NOT_PURSUED = "spam, a prank or a duplicate is not pursued (practice); the reporter is told why"
_REFERRED = (
    "UU 7/2017 Pasal 455; UU 10/2016 Pasal 135: a matter outside neutrality goes to the body that "
    "handles it (practice before registration)"
)

TRANSITIONS: tuple[Transition, ...] = (
    # Intake.
    Transition(_S.INITIAL_INFORMATION, _S.FINDING_RECORDED, SUPERVISORS, (FOUND_ON,),
               "UU 7/2017 Pasal 454(5): a finding is recorded within 7 days of discovery"),
    Transition(_S.INITIAL_INFORMATION, _S.CLOSED, SUPERVISORS, (REASON,),
               "informasi awal not pursued (practice)"),
    Transition(_S.RECEIVED, _S.FORMAL_MATERIAL_CHECK, SUPERVISORS, (),
               f"{_W} Pasal 15(1): kajian awal of the formal and material requirements"),
    Transition(_S.RECEIVED, _S.INITIAL_INFORMATION, SUPERVISORS, (REASON,), _WITHDRAWN),
    Transition(_S.FORMAL_MATERIAL_CHECK, _S.INITIAL_INFORMATION, SUPERVISORS, (REASON,),
               _WITHDRAWN),
    Transition(_S.NEEDS_COMPLETION, _S.INITIAL_INFORMATION, SUPERVISORS, (REASON,), _WITHDRAWN),
    Transition(_S.FORMAL_MATERIAL_CHECK, _S.NEEDS_COMPLETION, SUPERVISORS, (MISSING_ITEMS,),
               f"{_W} Pasal 15(3)-(4): the reporter is told to complete the report"),
    Transition(_S.FORMAL_MATERIAL_CHECK, _S.NOT_REGISTERED, SUPERVISORS, (REASON,),
               f"{_W} Pasal 15: late, incomplete or outside jurisdiction"),
    Transition(_S.FORMAL_MATERIAL_CHECK, _S.REGISTERED, SUPERVISORS, (REGISTRATION_NUMBER,),
               "UU 7/2017 Pasal 454(7); UU 10/2016 Pasal 134(5): the report is registered"),
    Transition(_S.NEEDS_COMPLETION, _S.FORMAL_MATERIAL_CHECK, SUPERVISORS | {Role.PUBLIC},
               (COMPLETION_NOTE,), f"{_W}: the reporter completes the report in time"),
    Transition(_S.NEEDS_COMPLETION, _S.NOT_REGISTERED, SUPERVISORS, (REASON,),
               f"{_W}: a report not completed in time is not registered"),
    Transition(_S.FINDING_RECORDED, _S.REGISTERED, SUPERVISORS, (REGISTRATION_NUMBER,),
               "UU 7/2017 Pasal 454(7): the finding is registered"),
    # Not pursued before registration: spam or a prank (invalid), or not a neutrality matter and
    # referred to the body that handles it (KPU, DKPP, Gakkumdu/Polri, ...).
    *(Transition(source, _S.INVALID, SUPERVISORS, (REASON,), _NOT_PURSUED)
      for source in _BEFORE_REGISTRATION),
    *(Transition(source, _S.OUT_OF_SCOPE, SUPERVISORS, (REASON, REFERRED_TO), _REFERRED)
      for source in _BEFORE_REGISTRATION),
    # Handling and decision.
    Transition(_S.REGISTERED, _S.CLARIFICATION_STUDY, SUPERVISORS, (),
               "UU 10/2016 Pasal 134(5)-(6); UU 7/2017 Pasal 454(7)-(8): klarifikasi and kajian"),
    Transition(_S.REGISTERED, _S.DECIDED_NOT_VIOLATION, DECIDING_SUPERVISORS, _DECIDE,
               "pleno decision without clarification (practice)"),
    Transition(_S.REGISTERED, _S.DECIDED_VIOLATION, DECIDING_SUPERVISORS,
               (*_DECIDE, VIOLATION_TYPE),
               "pleno decision without clarification (practice)"),
    Transition(_S.CLARIFICATION_STUDY, _S.DECIDED_NOT_VIOLATION, DECIDING_SUPERVISORS, _DECIDE,
               "pleno decision: not a violation"),
    Transition(_S.CLARIFICATION_STUDY, _S.DECIDED_VIOLATION, DECIDING_SUPERVISORS,
               (*_DECIDE, VIOLATION_TYPE), "UU 10/2016 Pasal 135; UU 7/2017 Pasal 455(1)"),
    # Forwarding.
    Transition(_S.DECIDED_VIOLATION, _S.FORWARDED, DECIDING_SUPERVISORS,
               (RECIPIENT, LETTER_NUMBER, LETTER_DATE),
               "UU 7/2017 Pasal 455(1)c; SE MenPANRB 4/2024 (KASN until 23 Aug 2024, then BKN)"),
    Transition(_S.DECIDED_VIOLATION, _S.CLOSED, DECIDING_SUPERVISORS, (REASON,),
               "handled by Bawaslu itself or only on the Gakkumdu track (practice)"),
    Transition(_S.FORWARDED, _S.CLOSED, DECIDING_SUPERVISORS, (OUTCOME,),
               "TNI, Polri, Bupati/Wali Kota or another authority reported its follow-up"),
    Transition(_S.FORWARDED, _S.BKN_VERIFICATION, _BKN, (),
               "Perpres 92/2024: BKN Deputi Wasdal verifies neutrality recommendations"),
    Transition(_S.FORWARDED, _S.AWAITING_PPK, _BKN, _RECOMMEND,
               "KASN (until 23 Aug 2024) recommended to the PPK directly"),
    # BKN verification.
    Transition(_S.BKN_VERIFICATION, _S.BKN_REJECTED, _BKN, (REASON,), _BKN_STATUS),
    Transition(_S.BKN_VERIFICATION, _S.BKN_ANNULLED, _BKN, (REASON,), _BKN_STATUS),
    Transition(_S.BKN_VERIFICATION, _S.BKN_NOT_PROVEN, _BKN, (REASON,), _BKN_STATUS),
    Transition(_S.BKN_VERIFICATION, _S.ASN_ALREADY_SEPARATED, _BKN, (REASON,), _BKN_STATUS),
    Transition(_S.BKN_VERIFICATION, _S.AWAITING_PPK, _BKN, _RECOMMEND,
               "BKN recommends the PPK to act under PP 94/2021 (SKB 2022)"),
    # The PPK and BKN's control.
    Transition(_S.AWAITING_PPK, _S.PPK_EXAMINATION, _PPK, (),
               "PP 94/2021 Pasal 26: the superior summons and examines"),
    Transition(_S.AWAITING_PPK, _S.BKN_CONTROL_ACTION, _BKN, (CONTROL_ACTION,),
               f"{_CONTROL}; 14 hari kerja (BKN 2023)"),
    Transition(_S.AWAITING_PPK, _S.ASN_ALREADY_SEPARATED, _BKN_OR_PPK, (REASON,), _BKN_STATUS),
    Transition(_S.PPK_EXAMINATION, _S.SANCTION_IMPOSED, _PPK, _SANCTION,
               "PP 94/2021 Pasal 8; PP 42/2004 Pasal 15: SK hukuman disiplin or sanksi moral"),
    Transition(_S.PPK_EXAMINATION, _S.BKN_CONTROL_ACTION, _BKN, (CONTROL_ACTION,), _CONTROL),
    Transition(_S.PPK_EXAMINATION, _S.ASN_ALREADY_SEPARATED, _BKN_OR_PPK, (REASON,), _BKN_STATUS),
    Transition(_S.BKN_CONTROL_ACTION, _S.BKN_CONTROL_ACTION, _BKN, (CONTROL_ACTION,),
               f"{_CONTROL}: escalation peringatan, teguran, blokir data"),
    Transition(_S.BKN_CONTROL_ACTION, _S.PPK_EXAMINATION, _PPK, (),
               "the PPK acts after BKN's control action"),
    Transition(_S.BKN_CONTROL_ACTION, _S.SANCTION_IMPOSED, _PPK, _SANCTION,
               "PP 94/2021 Pasal 8; PP 42/2004 Pasal 15"),
    Transition(_S.BKN_CONTROL_ACTION, _S.ASN_ALREADY_SEPARATED, _BKN_OR_PPK, (REASON,),
               _BKN_STATUS),
    Transition(_S.SANCTION_IMPOSED, _S.BKN_CONTROL_ACTION, _BKN, (CONTROL_ACTION,),
               "Perpres 116/2022: BKN may annul a PPK decision that breaks the rules"),
    Transition(_S.SANCTION_IMPOSED, _S.APPEAL, _PPK, (APPEAL_KIND,),
               "PP 94/2021: upaya administratif (keberatan, banding)"),
    Transition(_S.SANCTION_IMPOSED, _S.CLOSED, _BKN_OR_PPK, (),
               "sanction carried out and checked in I'Dis (practice)"),
    Transition(_S.APPEAL, _S.SANCTION_IMPOSED, _PPK, _SANCTION,
               "a new SK after the administrative appeal"),
    Transition(_S.APPEAL, _S.CLOSED, _PPK, (APPEAL_OUTCOME,),
               "the administrative appeal is decided"),
)  # fmt: skip

# The bases in Indonesian, as the desk shows them (the table keeps the English, as legal.md
# cites them); tests/procedure checks that every basis has one.
BASES_ID: Mapping[str, str] = {
    "BKN recommends the PPK to act under PP 94/2021 (SKB 2022)": (
        "BKN merekomendasikan PPK bertindak menurut PP 94/2021 (SKB 2022)"
    ),
    "KASN (until 23 Aug 2024) recommended to the PPK directly": (
        "KASN (sampai 23 Agustus 2024) menyampaikan rekomendasi langsung kepada PPK"
    ),
    "Kemendagri status list of BKN outcomes, 4 Dec 2024 (practice)": (
        "Daftar status hasil BKN dari Kemendagri, 4 Desember 2024 (praktik)"
    ),
    "PP 94/2021 Pasal 26: the superior summons and examines": (
        "PP 94/2021 Pasal 26: atasan memanggil dan memeriksa"
    ),
    "PP 94/2021 Pasal 8; PP 42/2004 Pasal 15": ("PP 94/2021 Pasal 8; PP 42/2004 Pasal 15"),
    "PP 94/2021 Pasal 8; PP 42/2004 Pasal 15: SK hukuman disiplin or sanksi moral": (
        "PP 94/2021 Pasal 8; PP 42/2004 Pasal 15: SK hukuman disiplin atau sanksi moral"
    ),
    "PP 94/2021: upaya administratif (keberatan, banding)": (
        "PP 94/2021: upaya administratif (keberatan, banding)"
    ),
    (
        "Perbawaslu 7/2022 Pasal 14, 17(3): a report withdrawn before registration may become "
        "informasi awal"
    ): (
        "Perbawaslu 7/2022 Pasal 14, 17 ayat (3): laporan yang dicabut sebelum diregistrasi "
        "dapat menjadi informasi awal"
    ),
    "Perbawaslu 7/2022 Pasal 15(1): kajian awal of the formal and material requirements": (
        "Perbawaslu 7/2022 Pasal 15 ayat (1): kajian awal atas syarat formal dan materiel"
    ),
    "Perbawaslu 7/2022 Pasal 15(3)-(4): the reporter is told to complete the report": (
        "Perbawaslu 7/2022 Pasal 15 ayat (3)-(4): pelapor diberi tahu untuk melengkapi laporan"
    ),
    "Perbawaslu 7/2022 Pasal 15: late, incomplete or outside jurisdiction": (
        "Perbawaslu 7/2022 Pasal 15: terlambat, tidak lengkap, atau di luar kewenangan"
    ),
    "Perbawaslu 7/2022: a report not completed in time is not registered": (
        "Perbawaslu 7/2022: laporan yang tidak dilengkapi tepat waktu tidak diregistrasi"
    ),
    "Perbawaslu 7/2022: the reporter completes the report in time": (
        "Perbawaslu 7/2022: pelapor melengkapi laporan tepat waktu"
    ),
    "Perpres 116/2022: BKN may annul a PPK decision that breaks the rules": (
        "Perpres 116/2022: BKN dapat membatalkan keputusan PPK yang menyalahi aturan"
    ),
    "Perpres 116/2022; Peraturan BKN 1/2023: control action when the PPK is late or wrong": (
        "Perpres 116/2022; Peraturan BKN 1/2023: tindakan pengendalian bila PPK terlambat "
        "atau keliru"
    ),
    (
        "Perpres 116/2022; Peraturan BKN 1/2023: control action when the PPK is late or wrong: "
        "escalation peringatan, teguran, blokir data"
    ): (
        "Perpres 116/2022; Peraturan BKN 1/2023: tindakan pengendalian bila PPK terlambat "
        "atau keliru, berjenjang: peringatan, teguran, blokir data"
    ),
    (
        "Perpres 116/2022; Peraturan BKN 1/2023: control action when the PPK is late or wrong; 14"
        " hari kerja (BKN 2023)"
    ): (
        "Perpres 116/2022; Peraturan BKN 1/2023: tindakan pengendalian bila PPK terlambat "
        "atau keliru; 14 hari kerja (BKN 2023)"
    ),
    "Perpres 92/2024: BKN Deputi Wasdal verifies neutrality recommendations": (
        "Perpres 92/2024: Deputi Wasdal BKN memverifikasi rekomendasi netralitas"
    ),
    "TNI, Polri, Bupati/Wali Kota or another authority reported its follow-up": (
        "TNI, Polri, Bupati/Wali Kota, atau instansi lain melaporkan tindak lanjutnya"
    ),
    "UU 10/2016 Pasal 134(5)-(6); UU 7/2017 Pasal 454(7)-(8): klarifikasi and kajian": (
        "UU 10/2016 Pasal 134 ayat (5)-(6); UU 7/2017 Pasal 454 ayat (7)-(8): klarifikasi dan"
        " kajian"
    ),
    "UU 10/2016 Pasal 135; UU 7/2017 Pasal 455(1)": (
        "UU 10/2016 Pasal 135; UU 7/2017 Pasal 455 ayat (1)"
    ),
    "UU 7/2017 Pasal 454(5): a finding is recorded within 7 days of discovery": (
        "UU 7/2017 Pasal 454 ayat (5): temuan dicatat paling lama 7 hari sejak ditemukan"
    ),
    "UU 7/2017 Pasal 454(7): the finding is registered": (
        "UU 7/2017 Pasal 454 ayat (7): temuan diregistrasi"
    ),
    "UU 7/2017 Pasal 454(7); UU 10/2016 Pasal 134(5): the report is registered": (
        "UU 7/2017 Pasal 454 ayat (7); UU 10/2016 Pasal 134 ayat (5): laporan diregistrasi"
    ),
    "UU 7/2017 Pasal 455(1)c; SE MenPANRB 4/2024 (KASN until 23 Aug 2024, then BKN)": (
        "UU 7/2017 Pasal 455 ayat (1) huruf c; SE MenPANRB 4/2024 (KASN sampai 23 Agustus "
        "2024, sesudahnya BKN)"
    ),
    (
        "UU 7/2017 Pasal 455; UU 10/2016 Pasal 135: a matter outside neutrality goes to the body "
        "that handles it (practice before registration)"
    ): (
        "UU 7/2017 Pasal 455; UU 10/2016 Pasal 135: perkara di luar netralitas diteruskan "
        "kepada instansi yang menanganinya (praktik sebelum registrasi)"
    ),
    "a new SK after the administrative appeal": ("SK baru setelah upaya administratif"),
    "handled by Bawaslu itself or only on the Gakkumdu track (practice)": (
        "ditangani Bawaslu sendiri atau hanya melalui jalur Gakkumdu (praktik)"
    ),
    "informasi awal not pursued (practice)": ("informasi awal tidak ditindaklanjuti (praktik)"),
    "pleno decision without clarification (practice)": (
        "putusan pleno tanpa klarifikasi (praktik)"
    ),
    "pleno decision: not a violation": ("putusan pleno: bukan pelanggaran"),
    "sanction carried out and checked in I'Dis (practice)": (
        "sanksi dilaksanakan dan diperiksa di I'Dis (praktik)"
    ),
    "spam, a prank or a duplicate is not pursued (practice); the reporter is told why": (
        "spam, laporan iseng, atau laporan ganda tidak ditindaklanjuti (praktik); pelapor "
        "diberi tahu alasannya"
    ),
    "the PPK acts after BKN's control action": ("PPK bertindak setelah tindakan pengendalian BKN"),
    "the administrative appeal is decided": ("upaya administratif diputus"),
}

_BY_PAIR: dict[tuple[CaseState, CaseState], Transition] = {
    (t.source, t.target): t for t in TRANSITIONS
}

# Opening a case is not a transition but needs the same kind of check: the public may only file a
# report; supervisors may also record their own finding or note a tip (UU 7/2017 Pasal 454(1)-(5)).
OPENING_ROLES: dict[CaseState, frozenset[Role]] = {
    CaseState.RECEIVED: SUPERVISORS | {Role.PUBLIC},
    CaseState.FINDING_RECORDED: SUPERVISORS,
    CaseState.INITIAL_INFORMATION: SUPERVISORS,
}


def _check_asn_authority(payload: Mapping[str, object]) -> None:
    """An ASN recommendation must go to the authority in charge on the letter's date.

    KASN until 23 Aug 2024, BKN from 24 Aug 2024. KemenPANRB takes files KASN had already
    processed, from 24 Aug 2024 on. A letter to KASN during the changeover (24 Aug - 4 Sep 2024,
    before SE MenPANRB 4/2024 was signed) is allowed; `forwarding_warning` flags it.
    """
    recipient = ForwardRecipient(str(payload[RECIPIENT.field]))
    letter_date = payload[LETTER_DATE.field]
    if recipient not in ASN_AUTHORITIES or not isinstance(letter_date, date):
        return
    book = load_rulebook()
    expected = asn_authority_on(letter_date)
    if recipient is expected:
        return
    if recipient is ForwardRecipient.KEMENPANRB and book.receives_processed_files_on(letter_date):
        return
    if recipient is ForwardRecipient.KASN and book.recipient_changeover_on(letter_date):
        return
    raise InvalidRequirement(
        "'recipient': a letter dated %(letter_date)s must go to %(expected)r, not %(value)r: "
        "KASN handled ASN neutrality until 23 Aug 2024 and BKN from 24 Aug 2024; files KASN had "
        "already processed go to KemenPANRB (SE MenPANRB 4/2024)",
        params={"letter_date": letter_date.isoformat()},
        field=RECIPIENT.field,
        value=recipient.value,
        expected=expected.value,
    )


# The warning for a letter to KASN in the changeover; its values come from
# `forwarding_warning_values`, so an adapter can render it in the reader's language.
FORWARDING_WARNING = (
    "KASN stopped handling ASN neutrality on %(start)s; a letter dated %(letter_date)s should go "
    "to BKN, or to %(processed_to)s for a file KASN had already processed (SE MenPANRB 4/2024, "
    "signed %(end)s)"
)


def forwarding_warning_values(payload: Mapping[str, object]) -> dict[str, str] | None:
    """The values of FORWARDING_WARNING for a doubtful forwarding letter, else None.

    A letter to KASN dated 24 Aug - 4 Sep 2024: KASN had stopped, but the rule on its pending
    files (SE MenPANRB 4/2024) was signed only on 4 Sep 2024. `letter_date` may be a date or
    its ISO text (as a stored step keeps it).
    """
    recipient = payload.get(RECIPIENT.field)
    letter_date = payload.get(LETTER_DATE.field)
    if isinstance(letter_date, str):
        try:
            letter_date = date.fromisoformat(letter_date)
        except ValueError:
            return None
    if recipient != ForwardRecipient.KASN.value or not isinstance(letter_date, date):
        return None
    changeover = load_rulebook().recipient_changeover_on(letter_date)
    if changeover is None:
        return None
    return {
        "start": changeover.start.isoformat(),
        "letter_date": letter_date.isoformat(),
        "processed_to": changeover.processed_to,
        "end": changeover.end.isoformat(),
    }


def forwarding_warning(payload: Mapping[str, object]) -> str | None:
    """The warning for a forwarding letter that is allowed but doubtful (English), else None."""
    values = forwarding_warning_values(payload)
    return FORWARDING_WARNING % values if values else None


def transition_between(source: CaseState, target: CaseState) -> Transition | None:
    """The table entry for a move, whoever makes it; None when the move does not exist."""
    return _BY_PAIR.get((source, target))


def allowed_transitions(
    state: CaseState, role: Role, policy: ProcedurePolicy = DEFAULT_POLICY
) -> tuple[Transition, ...]:
    """The moves `role` may make from `state`, in table order (the order the UI offers them)."""
    # Stored codes arrive as plain strings; parse them so a typo raises instead of matching nothing.
    state, role = parse_state(state), parse_role(role)
    return tuple(t for t in TRANSITIONS if t.source is state and role in policy.roles_for(t.roles))


def check_transition(
    state: CaseState,
    target: CaseState,
    role: Role,
    payload: Mapping[str, object],
    policy: ProcedurePolicy = DEFAULT_POLICY,
) -> Transition:
    """The transition for this move if `role` may make it with `payload`; otherwise raise.

    Raises `TransitionNotAllowed` when the move does not exist or the role may not make it,
    `MissingRequirement` naming the first missing field, and `InvalidRequirement` for a field of
    the wrong shape (or an ASN recommendation sent to the wrong authority for its date).
    """
    state, target, role = parse_state(state), parse_state(target), parse_role(role)
    transition = _BY_PAIR.get((state, target))
    if transition is None:
        if state.is_terminal:
            raise TransitionNotAllowed(
                "%(source)r (%(source_label_en)s) is a final state; no transition leaves it",
                params={"source_label_en": state.label_en, "source_label": state.label_id},
                source=state.value,
                target=target.value,
            )
        targets = [t.target for t in TRANSITIONS if t.source is state]
        raise TransitionNotAllowed(
            "a case cannot move from %(source)r to %(target)r; from %(source)r it can move to "
            "%(options)s",
            params={
                "options": ", ".join(repr(t.value) for t in targets),
                "option_labels": ", ".join(t.label_id for t in targets),
                "source_label": state.label_id,
                "target_label": target.label_id,
            },
            source=state.value,
            target=target.value,
        )
    roles = policy.roles_for(transition.roles)
    if role not in roles:
        allowed = ", ".join(sorted(r.value for r in roles))
        raise TransitionNotAllowed(
            "role %(role)r may not move a case from %(source)r to %(target)r; "
            "allowed roles: %(allowed)s",
            params={
                "allowed": allowed,
                "role_label": role.label_id,
                "source_label": state.label_id,
                "target_label": target.label_id,
            },
            source=state.value,
            target=target.value,
            role=role.value,
        )
    transition.check_payload(payload)
    return transition


def check_opening(state: CaseState, role: Role) -> None:
    """Raise `TransitionNotAllowed` unless `role` may open a new case in `state`."""
    state, role = parse_state(state), parse_role(role)
    roles = OPENING_ROLES.get(state)
    if roles is None:
        opening = ", ".join(sorted(s.value for s in OPENING_STATES))
        raise TransitionNotAllowed(
            "a case cannot start in %(target)r; it starts in one of %(opening)s",
            params={"opening": opening, "target_label": state.label_id},
            target=state.value,
        )
    if role not in roles:
        raise TransitionNotAllowed(
            "role %(role)r may not open a case in %(target)r",
            params={"role_label": role.label_id, "target_label": state.label_id},
            target=state.value,
            role=role.value,
        )
