"""From cues to findings: which act, by whom, how sure, and which words show it.

Sentence kinds live in `sentences.py` and the per-act rules in `acts.py`; this module picks the
actor, scores each act, lets specific acts outrank generic ones and orders the findings.

The unit of judgement is the sentence. A sentence that states a rule, makes an appeal, asks a
question or reports a neutrality event (an ikrar, an apel, a seminar) describes no act, even when
it uses every word of one ("ASN dilarang ikut kampanye"). An act needs a cue for what was done, an
object (a candidate, a party, an election) and an actor who serves: a civil servant, a soldier, a
police officer, a village official or a regional head. News often names the actor in one
sentence and tells the act in the next ("Ia kedapatan ..."), so an actor carries over a few
sentences.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from netra.analysis.acts import ACT_TRIGGERS, RULE_TRIGGERS, RULES
from netra.analysis.lexicon import Cue
from netra.analysis.normalize import Token
from netra.analysis.sentences import (
    Sentence,
    describes_no_act,
    group_sentences,
    is_list_item,
    is_negated,
    is_neutrality_event,
    is_ruled,
    live_clearances,
    merge_sentences,
    refers_back,
)
from netra.analysis.subjects import Mention

# Acts that say more than a generic one found in the same sentence; the generic one is dropped.
OUTRANKS: dict[str, frozenset[str]] = {
    "partisan_photo": frozenset({"social_media_campaign", "social_media_engagement"}),
    "self_promotion": frozenset({"props_installation"}),
    "party_approach": frozenset({"self_declaration"}),
    "ktp_support": frozenset({"mobilization", "self_declaration"}),
    # Bawaslu counts support given through social media in category 1, whatever its content.
    "social_media_campaign": frozenset({"mobilization", "candidate_support", "self_promotion"}),
    "state_facility_use": frozenset({"campaign_attendance"}),
    # A poster shared in a WhatsApp group is support through social media, not a banner.
    "social_media_engagement": frozenset({"campaign_team", "props_installation"}),
    "self_declaration": frozenset({"self_promotion", "social_media_campaign"}),
    "mobilization": frozenset({"campaign_attendance"}),
    "official_rotation": frozenset({"partisan_decision"}),
    "partisan_decision": frozenset(
        {"self_promotion", "social_media_campaign", "props_installation", "mobilization"}
    ),
    "campaign_team": frozenset({"campaign_attendance"}),
}


# What leave (CLTN, cuti kampanye) or official duty at the venue can excuse: taking part, not
# deciding, rotating, mobilising or using state facilities for a candidate.
EXCUSABLE_ACTS = frozenset(
    {"campaign_attendance", "campaign_team", "candidate_support", "social_media_campaign"}
)
GENERIC_ACTS = frozenset({"candidate_support", "other_partiality"})


# A bare accusation of partiality must name its actor in the same sentence, and name them well.
NEEDS_NAMED_ACTOR = frozenset({"other_partiality"})


CARRY_BACK = 3  # sentences an actor stays in focus after being named


CARRY_FORWARD = 3  # "Mobil dinas ... Belakangan diketahui dipegang seorang kepala seksi"


INSTITUTION_REACH = 3  # "Bawaslu juga mengimbau": the body right before the verb is its subject


# Scores: the base of each rule, then what makes the account more or less certain.
SPECIFIC_ACTOR_BONUS = 0.1


ALLEGATION_BONUS = 0.1


CARRIED_ACTOR_PENALTY = 0.15


CLEARED_PENALTY = 0.45


COERCION_BONUS = 0.05


THRESHOLD = 0.5


@dataclass(frozen=True, slots=True)
class RawFinding:
    """An act before the rulebook is consulted: tokens of evidence and the acting mention."""

    act: str
    score: float
    evidence: tuple[tuple[int, int], ...]  # token ranges (first, last)
    actor: Mention
    sentence: int


def find_acts(
    tokens: Sequence[Token], cues: Sequence[Cue], mentions: Sequence[Mention], text: str
) -> list[RawFinding]:
    """All acts the text tells of, each with its actor, best first."""
    sentences = group_sentences(tokens, cues, text)
    by_index = {sentence.index: sentence for sentence in sentences}
    doc = merge_sentences(sentences, -1)
    asides = {sentence.index for sentence in sentences if sentence.is_aside}
    actors = [m for m in mentions if m.is_actor and m.sentence not in asides]
    has_allegation = any(
        cue.concept == "allegation" and not is_negated(cue, tokens) for cue in cues
    )
    cleared = bool(live_clearances(doc.get("cleared"), tokens))
    excused = bool(live_clearances(doc.get("excused"), tokens))
    if not actors or (doc.has("consultation") and not has_allegation):
        return []  # nobody who serves is named, or someone asks what is allowed
    findings: list[RawFinding] = []
    for sentence in sentences:
        if not sentence.has(*ACT_TRIGGERS) or describes_no_act(sentence, tokens):
            continue
        matched: dict[str, tuple[float, list[Cue]]] = {}
        near = sentence
        if sentence.has("decision"):  # only that rule looks at the neighbouring sentences
            around = (sentence.index - 1, sentence.index, sentence.index + 1)
            near = merge_sentences([by_index[i] for i in around if i in by_index], sentence.index)
        for act, rule in RULES.items():
            if not sentence.has(*RULE_TRIGGERS[act]):
                continue
            result = rule(sentence, tokens, near, doc)
            if result is None or any(is_negated(cue, tokens) for cue in result[1][:1]):
                continue
            matched[act] = result
        valid: dict[str, RawFinding] = {}
        for act, (base, evidence) in matched.items():
            anchor = evidence[0].first  # each rule lists its act cue first
            if is_ruled(sentence, anchor, tokens) or is_neutrality_event(
                sentence, anchor, alleged=has_allegation
            ):
                continue
            eligible = [m for m in actors if m.type in ACTOR_TYPES.get(act, (m.type,))]
            actor, carried = _actor_for(sentence, evidence, eligible, mentions)
            if actor is None or not _may_commit(actor.type, act, doc):
                continue
            actor = _with_known_status(actor, actors)
            # A bare accusation ("tidak netral") needs its actor named well; a witness does not.
            if (
                act in NEEDS_NAMED_ACTOR
                and evidence[0].concept == "partiality"
                and (carried or not actor.is_specific or actor.first > anchor)
            ):
                continue
            score = base
            if actor.is_specific:
                score += SPECIFIC_ACTOR_BONUS
            if has_allegation:
                score += ALLEGATION_BONUS
            if carried:
                score -= CARRIED_ACTOR_PENALTY
            if cleared or (excused and act in EXCUSABLE_ACTS):
                score -= CLEARED_PENALTY
            ranges = tuple(sorted({(cue.first, cue.last) for cue in evidence}))
            score = round(min(1.0, max(0.0, score)), 3)
            valid[act] = RawFinding(act, score, ranges, actor, sentence.index)
        # Outranking among the acts that stand: a weaker reading is dropped only for a real one.
        _drop_outranked(valid)
        findings.extend(valid.values())
    if doc.has("coercion"):
        findings = _coerced(findings, doc)
    return _best_per_act(findings)


_COERCIBLE = frozenset({"campaign_attendance", "candidate_support", "social_media_engagement"})


def _coerced(findings: list[RawFinding], doc: Sentence) -> list[RawFinding]:
    """Attendance or support demanded under threat ("yang tidak hadir dicatat") is mobilisation."""
    if any(f.act == "mobilization" for f in findings):
        return findings
    demanded = [f for f in findings if f.act in _COERCIBLE]
    if not demanded:
        return findings
    base = max(demanded, key=lambda f: f.score)
    threat = doc.get("coercion")[0]
    evidence = tuple(sorted({*base.evidence, (threat.first, threat.last)}))
    score = round(min(1.0, base.score + COERCION_BONUS), 3)
    return [RawFinding("mobilization", score, evidence, base.actor, base.sentence), *findings]


# Elected heads campaign, declare and join parties lawfully; what binds them is Pasal 71.
REGIONAL_HEAD_ACTS = frozenset(
    {
        "partisan_decision",
        "official_rotation",
        "state_facility_use",
        "mobilization",
        "other_partiality",
    }
)


# Acts only one kind of official can commit: Pasal 71(2) binds the regional head alone.
ACTOR_TYPES: dict[str, tuple[str, ...]] = {"official_rotation": ("regional_head",)}


def _may_commit(subject_type: str, act: str, doc: Sentence) -> bool:
    if subject_type != "regional_head" or act in REGIONAL_HEAD_ACTS:
        return True
    # Campaigning without leave is a breach even for an elected head (Pasal 70 ayat 2).
    return act == "campaign_attendance" and doc.has("no_leave")


def _drop_outranked(matched: dict[str, RawFinding]) -> None:
    for act in list(matched):
        for weaker in OUTRANKS.get(act, ()):
            matched.pop(weaker, None)
    if len(matched) > 1 and any(act not in GENERIC_ACTS for act in matched):
        for generic in GENERIC_ACTS:
            matched.pop(generic, None)


def _actor_for(
    sentence: Sentence,
    evidence: Sequence[Cue],
    actors: Sequence[Mention],
    named: Sequence[Mention] = (),
) -> tuple[Mention | None, bool]:
    """The serving official who did it: nearest before the act, else after, else one in focus."""
    anchor = evidence[0].first  # each rule lists its act cue first
    same = [m for m in actors if m.sentence == sentence.index]
    before = [m for m in same if m.last < anchor]
    # "Bawaslu mengimbau masyarakat ...": the overseer acts, not an official named earlier.
    nearest = max((m.last for m in before), default=-1)
    # "Bawaslu mengimbau ...", "seseorang yang mengaku anggota tim": not an official acts.
    if any(
        nearest < cue.first and 0 < anchor - cue.last <= INSTITUTION_REACH
        for cue in sentence.get("institution", "other_person")
    ):
        return None, False
    # "Calon gubernur nomor urut 1 menggelar kampanye ...": the candidate is the sentence's subject.
    start = next(i for i, t in enumerate(sentence.tokens) if t.sentence == sentence.index)
    if not before and any(
        cue.first - start <= 1 and cue.last < anchor for cue in sentence.get("candidate")
    ):
        return None, False
    if before:
        return before[0] if before[0].is_specific else before[-1], False
    if same:
        return same[0], False
    # "Mantan kades jadi ketua tim": the sentence's own subject no longer serves.
    if any(m.is_former and m.sentence == sentence.index and m.first < anchor for m in named):
        return None, False
    if is_list_item(sentence) and not refers_back(sentence):
        return None, False  # "2. Melakukan kampanye di media sosial": an item of a list of rules
    earlier = [m for m in actors if sentence.index - CARRY_BACK <= m.sentence < sentence.index]
    # News names its subject in the lead and says "ia" or the name afterwards.
    topic = next((m for m in actors if m.is_specific and m.sentence < sentence.index), None)
    if earlier:
        specific = [m for m in earlier if m.is_specific]
        return (specific[-1] if specific else topic or earlier[-1]), True
    if refers_back(sentence):
        # "terlapor", "terdakwa": the accused of a laporan or a verdict, named once at the top.
        named_first = topic or next((m for m in actors if m.sentence < sentence.index), None)
        if named_first is not None:
            return named_first, True
    later = [m for m in actors if sentence.index < m.sentence <= sentence.index + CARRY_FORWARD]
    if later:
        return later[0], True
    return None, False


STATUS_REACH = 1  # sentences after "seorang ASN" where "yang menjabat kepala bidang" may follow


def _with_known_status(actor: Mention, actors: Sequence[Mention]) -> Mention:
    """'Seorang ASN ... menjabat kepala bidang': a structural post is held by a PNS."""
    if actor.type != "asn":
        return actor
    for other in actors:
        if (
            other.type == "pns"
            and actor.sentence <= other.sentence <= actor.sentence + STATUS_REACH
            and other.first > actor.first
        ):
            return replace(actor, type="pns")
    return actor


def _best_per_act(findings: list[RawFinding]) -> list[RawFinding]:
    best: dict[str, RawFinding] = {}
    for finding in findings:
        kept = best.get(finding.act)
        if kept is None or finding.score > kept.score:
            best[finding.act] = finding
    # A specific act leads; generic support or partiality only when nothing more is told.
    ordered = sorted(
        best.values(),
        key=lambda f: (f.act in GENERIC_ACTS, -f.score, f.sentence, min(f.evidence)),
    )
    return ordered
