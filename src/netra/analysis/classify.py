"""From cues to findings: which act, by whom, how sure, and which words show it.

The unit of judgement is the sentence. A sentence that states a rule, makes an appeal, asks a
question or reports a neutrality event (an ikrar, an apel, a seminar) describes no act, even when
it uses every word of one ("ASN dilarang ikut kampanye"). An act needs a cue for what was done, an
object (a candidate, a party, an election) and an actor who serves: a civil servant, a soldier, a
police officer, a village official or a regional head. News often names the actor in one
sentence and tells the act in the next ("Ia kedapatan ..."), so an actor carries over a few
sentences.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from netra.analysis.lexicon import Cue
from netra.analysis.normalize import Token
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
GENERIC_ACTS = frozenset({"candidate_support", "other_partiality"})
# A bare accusation of partiality must name its actor in the same sentence, and name them well.
NEEDS_NAMED_ACTOR = frozenset({"other_partiality"})

CARRY_BACK = 3  # sentences an actor stays in focus after being named
CARRY_FORWARD = 3  # "Mobil dinas ... Belakangan diketahui dipegang seorang kepala seksi"
WINDOW = 12  # tokens between the words of one act
INSTITUTION_REACH = 3  # "Bawaslu juga mengimbau": the body right before the verb is its subject
RULE_REACH_AFTER = 8  # "ASN yang ikut kampanye akan dikenai sanksi": a rule may follow the act

# Scores: the base of each rule, then what makes the account more or less certain.
SPECIFIC_ACTOR_BONUS = 0.1
ALLEGATION_BONUS = 0.1
CARRIED_ACTOR_PENALTY = 0.15
CLEARED_PENALTY = 0.45
CLEARANCE_NEGATION_REACH = 3
DENIAL_REACH = 12  # "tidak dalam status CLTN" denies the leave
COERCION_BONUS = 0.05
THRESHOLD = 0.5


@dataclass(frozen=True, slots=True)
class Sentence:
    """The cues of one sentence, grouped by concept."""

    index: int
    cues: dict[str, list[Cue]]
    has_question_mark: bool
    tokens: Sequence[Token]
    is_aside: bool = False  # a "Baca juga:" link to another story, not part of this one
    is_bulleted: bool = False  # a line that starts with a bullet ("❌ Pasang APK paslon")

    def has(self, *concepts: str) -> bool:
        return any(concept in self.cues for concept in concepts)

    def get(self, *concepts: str) -> list[Cue]:
        found: list[Cue] = []
        for concept in concepts:
            found.extend(self.cues.get(concept, ()))
        return found


@dataclass(frozen=True, slots=True)
class RawFinding:
    """An act before the rulebook is consulted: tokens of evidence and the acting mention."""

    act: str
    score: float
    evidence: tuple[tuple[int, int], ...]  # token ranges (first, last)
    actor: Mention
    sentence: int


def _near(a: Cue, b: Cue, window: int = WINDOW) -> bool:
    return abs(a.first - b.first) <= window


def _pairs(first: list[Cue], second: list[Cue], window: int = WINDOW) -> tuple[Cue, Cue] | None:
    """The closest pair of cues, one of each list, within `window` tokens in either order."""
    candidates = [(a, b) for a in first for b in second if a is not b and _near(a, b, window)]
    return min(candidates, key=lambda pair: abs(pair[0].first - pair[1].first), default=None)


def _followed(first: list[Cue], second: list[Cue], gap: int) -> tuple[Cue, Cue] | None:
    """`first` then `second` within `gap` tokens, in that order; the closest such pair."""
    best: tuple[Cue, Cue] | None = None
    for a in first:
        for b in second:
            distance = b.first - a.last
            if 0 < distance <= gap and (best is None or distance < best[1].first - best[0].last):
                best = (a, b)
    return best


Rule = Callable[[Sentence, Sequence[Token], Sentence, Sentence], tuple[float, list[Cue]] | None]

OBJECT = ("candidate", "party")


def _objects(s: Sentence, doc: Sentence) -> list[Cue]:
    """Candidates and parties; a bare "02" counts too once the text is about an election."""
    found = s.get(*OBJECT)
    if doc.has(*OBJECT, "election", "partiality") or s.has("photo"):
        found = found + [cue for cue in s.get("number_word") if _is_ballot_number(cue, doc)]
    return [cue for cue in found if not _object_denied(cue, doc.tokens)]


_BEFORE_BALLOT_NUMBER = frozenset(
    """
    pilih coblos dukung bersama salam nomor paslon calon jagoan menangkan no urut kawal gas
    gaskeun lanjut
    """.split()
)
_AFTER_BALLOT_NUMBER = frozenset(
    """
    harga menang jari lanjutkan pilihan jaya
    """.split()
)


def _is_ballot_number(cue: Cue, doc: Sentence) -> bool:
    """'coblos 2', 'Bersama 02', '02 harga mati' -- not 'SMA Negeri 1'."""
    tokens = doc.tokens
    before = tokens[cue.first - 1].form if cue.first > 0 else ""
    after = tokens[cue.last + 1].form if cue.last + 1 < len(tokens) else ""
    return before in _BEFORE_BALLOT_NUMBER or after in _AFTER_BALLOT_NUMBER


_OBJECT_DENIALS = frozenset({"tanpa", "bukan", "tidak"})


def _object_denied(cue: Cue, tokens: Sequence[Token]) -> bool:
    """'tanpa menyebut pasangan calon tertentu', 'paslon manapun': no candidate is meant."""
    sentence = tokens[cue.first].sentence
    following = tokens[cue.last + 1 : cue.last + 3]
    if any(token.form in {"manapun", "mana"} and token.sentence == sentence for token in following):
        return True
    for offset in (1, 2, 3):
        index = cue.first - offset
        if index < 0 or tokens[index].sentence != sentence:
            return False
        if tokens[index].form in _OBJECT_DENIALS:
            return True
    return False


CONTENT = ("social_media", "props")


def _social_media_campaign(
    s: Sentence, tokens: Sequence[Token], near: Sentence, doc: Sentence
) -> tuple[float, list[Cue]] | None:
    pair = _pairs(s.get("post_verb"), _objects(s, doc) + s.get("support", "election"), window=20)
    if pair and s.has("social_media"):
        return 0.75, [*pair, *s.get("social_media")[:1]]
    return None


def _social_media_engagement(
    s: Sentence, tokens: Sequence[Token], near: Sentence, doc: Sentence
) -> tuple[float, list[Cue]] | None:
    pair = _pairs(s.get("engage_verb"), _objects(s, doc))
    if pair and s.has(*CONTENT):
        return 0.75, [*pair, *s.get(*CONTENT)[:1]]
    return None


def _partisan_photo(
    s: Sentence, tokens: Sequence[Token], near: Sentence, doc: Sentence
) -> tuple[float, list[Cue]] | None:
    pair = _pairs(s.get("photo"), _objects(s, doc))
    if pair:
        bonus = 0.1 if s.has("partisan_symbol") else 0.0
        return 0.7 + bonus, [*pair, *s.get("partisan_symbol")[:1]]
    return None


def _campaign_attendance(
    s: Sentence, tokens: Sequence[Token], near: Sentence, doc: Sentence
) -> tuple[float, list[Cue]] | None:
    pair = _followed(s.get("attend_verb"), s.get("event"), gap=10)
    if pair and _objects(s, doc):
        return 0.75, [*pair, *_objects(s, doc)[:1]]
    return None


def _campaign_team(
    s: Sentence, tokens: Sequence[Token], near: Sentence, doc: Sentence
) -> tuple[float, list[Cue]] | None:
    # "grup WhatsApp relawan": a chat group of the team is social media, not team membership.
    teams = [cue for cue in s.get("team") if not _in_online_group(cue, tokens)]
    pair = _followed(s.get("team_role"), teams, gap=4)
    if pair and (_objects(s, doc) or s.has("election")):
        return 0.75, list(pair)
    return None


_ONLINE_GROUP_WORDS = frozenset("grup group whatsapp telegram akun facebook fanpage".split())


def _in_online_group(cue: Cue, tokens: Sequence[Token]) -> bool:
    return any(
        tokens[i].form in _ONLINE_GROUP_WORDS for i in range(max(0, cue.first - 2), cue.first)
    )


def _party_approach(
    s: Sentence, tokens: Sequence[Token], near: Sentence, doc: Sentence
) -> tuple[float, list[Cue]] | None:
    pair = _pairs(s.get("approach"), s.get("party", "independent_path"))
    if pair:
        return 0.75, list(pair)
    return None


def _party_membership(
    s: Sentence, tokens: Sequence[Token], near: Sentence, doc: Sentence
) -> tuple[float, list[Cue]] | None:
    # "sejumlah pengurus partai pengusung": other people's offices, not the official's.
    memberships = [cue for cue in s.get("membership") if not _counted(cue, tokens)]
    roles = [cue for cue in s.get("membership_role") if not _counted(cue, tokens)]
    pair = _pairs(memberships, s.get("party"), window=8) or _followed(roles, s.get("party"), gap=3)
    if pair:
        return 0.75, list(pair)
    return None


_QUANTIFIERS = frozenset("sejumlah para beberapa banyak puluhan ratusan dan".split())


def _counted(cue: Cue, tokens: Sequence[Token]) -> bool:
    return cue.first > 0 and tokens[cue.first - 1].form in _QUANTIFIERS


def _self_declaration(
    s: Sentence, tokens: Sequence[Token], near: Sentence, doc: Sentence
) -> tuple[float, list[Cue]] | None:
    declarations = [cue for cue in s.get("declare") if not _by_relative(cue, tokens)]
    # The office sought may be named bare: "siap maju Bupati Tapin 2024".
    pair = _pairs(declarations, s.get("candidate", "election", "party", "subject.regional_head"))
    if pair:
        return 0.75, list(pair)
    return None


_RELATIVES = frozenset("suami istri anak adik kakak ayah ibunya ayahnya menantu ipar".split())


def _by_relative(cue: Cue, tokens: Sequence[Token]) -> bool:
    """'yang suaminya maju sebagai calon bupati': a relative runs, not the official."""
    return any(
        tokens[i].form in _RELATIVES
        for i in range(max(0, cue.first - 2), cue.first)
        if tokens[i].sentence == tokens[cue.first].sentence
    )


def _self_promotion(
    s: Sentence, tokens: Sequence[Token], near: Sentence, doc: Sentence
) -> tuple[float, list[Cue]] | None:
    pair = _pairs(
        s.get("promo"), s.get("props", "social_media", "election", "candidate", "declare")
    )
    if pair:
        return 0.7, list(pair)
    return None


def _props_installation(
    s: Sentence, tokens: Sequence[Token], near: Sentence, doc: Sentence
) -> tuple[float, list[Cue]] | None:
    pair = _pairs(s.get("props_verb"), s.get("props"), window=6)
    if pair and _objects(s, doc):
        return 0.75, [*pair, *_objects(s, doc)[:1]]
    return None


def _mobilization(
    s: Sentence, tokens: Sequence[Token], near: Sentence, doc: Sentence
) -> tuple[float, list[Cue]] | None:
    verbs = [cue for cue in s.get("mobilize_verb") if not _is_passive(cue, tokens)]
    objects = _objects(s, doc)
    if not objects:
        return None
    targets = s.get("mobilize_target")
    pair = (
        _followed(verbs, targets, gap=6)
        or _pairs(s.get("gift"), targets, window=8)
        # goods handed out in a candidate's wrapping ask for the vote by themselves
        or _pairs(s.get("gift"), objects, window=12)
    )
    if pair:
        return 0.75, [*pair, objects[0]]
    # "jangan lupa coblos no 2", "arahkan pilih ...": an instruction to vote needs no addressee.
    instructions = [cue for cue in verbs if _says_vote(cue, tokens)]
    direct = _followed(verbs, s.get("vote_verb"), gap=3)
    if instructions:
        return 0.7, [instructions[0], objects[0]]
    if direct:
        return 0.7, [*direct, objects[0]]
    return None


_VOTE_WORDS = frozenset({"pilih", "coblos", "menang", "menangkan", "memenangkan", "suara"})


def _says_vote(cue: Cue, tokens: Sequence[Token]) -> bool:
    return any(tokens[i].form in _VOTE_WORDS for i in range(cue.first, cue.last + 1))


def _ktp_support(
    s: Sentence, tokens: Sequence[Token], near: Sentence, doc: Sentence
) -> tuple[float, list[Cue]] | None:
    pair = _pairs(s.get("ktp"), s.get("candidate", "support", "vote_verb", "independent_path"))
    if pair:
        return 0.75, list(pair)
    return None


def _partisan_decision(
    s: Sentence, tokens: Sequence[Token], near: Sentence, doc: Sentence
) -> tuple[float, list[Cue]] | None:
    # The partisan mark is often told in the next sentence ("Desain kartu memakai slogan ...").
    decisions = s.get("decision")
    marks = near.get("decision_partisan")
    if decisions and marks and (near.has(*OBJECT, "election") or doc.has("election")):
        return 0.7, [decisions[0], marks[0]]
    return None


def _state_facility_use(
    s: Sentence, tokens: Sequence[Token], near: Sentence, doc: Sentence
) -> tuple[float, list[Cue]] | None:
    pair = _pairs(s.get("facility"), _objects(s, doc) + s.get("election"))
    if pair:
        return 0.75, list(pair)
    return None


def _official_rotation(
    s: Sentence, tokens: Sequence[Token], near: Sentence, doc: Sentence
) -> tuple[float, list[Cue]] | None:
    # The missing approval or the Pasal 71 window may be told anywhere in the text.
    rotations = s.get("rotation")
    if rotations and doc.has("rotation_context"):
        return 0.75, [rotations[0], *s.get("rotation_context")[:1]]
    return None


def _candidate_support(
    s: Sentence, tokens: Sequence[Token], near: Sentence, doc: Sentence
) -> tuple[float, list[Cue]] | None:
    pair = _followed(s.get("support"), s.get("candidate"), gap=6)
    if pair:
        return 0.6, list(pair)
    return None


def _other_partiality(
    s: Sentence, tokens: Sequence[Token], near: Sentence, doc: Sentence
) -> tuple[float, list[Cue]] | None:
    witness = _pairs(s.get("witness"), _objects(s, doc))
    if witness:
        return 0.7, list(witness)
    cues = s.get("partiality")
    if cues and s.has("allegation"):
        return 0.55, cues[:1]
    return None


RULES: dict[str, Rule] = {
    "social_media_campaign": _social_media_campaign,
    "social_media_engagement": _social_media_engagement,
    "partisan_photo": _partisan_photo,
    "campaign_attendance": _campaign_attendance,
    "campaign_team": _campaign_team,
    "party_approach": _party_approach,
    "party_membership": _party_membership,
    "self_declaration": _self_declaration,
    "self_promotion": _self_promotion,
    "props_installation": _props_installation,
    "mobilization": _mobilization,
    "ktp_support": _ktp_support,
    "partisan_decision": _partisan_decision,
    "state_facility_use": _state_facility_use,
    "official_rotation": _official_rotation,
    "candidate_support": _candidate_support,
    "other_partiality": _other_partiality,
}


# The cue without which each rule cannot match: rules are tried only where one is present.
RULE_TRIGGERS: dict[str, tuple[str, ...]] = {
    "social_media_campaign": ("post_verb",),
    "social_media_engagement": ("engage_verb",),
    "partisan_photo": ("photo",),
    "campaign_attendance": ("attend_verb",),
    "campaign_team": ("team_role",),
    "party_approach": ("approach",),
    "party_membership": ("membership", "membership_role"),
    "self_declaration": ("declare",),
    "self_promotion": ("promo",),
    "props_installation": ("props_verb",),
    "mobilization": ("mobilize_verb", "gift"),
    "ktp_support": ("ktp",),
    "partisan_decision": ("decision",),
    "state_facility_use": ("facility",),
    "official_rotation": ("rotation",),
    "candidate_support": ("support",),
    "other_partiality": ("partiality", "witness"),
}
ACT_TRIGGERS = tuple(sorted({concept for needed in RULE_TRIGGERS.values() for concept in needed}))


def _is_passive(cue: Cue, tokens: Sequence[Token]) -> bool:
    """'disuruh', 'diarahkan': the actor before the verb is the one being mobilised."""
    return tokens[cue.first].is_passive


def group_sentences(tokens: Sequence[Token], cues: Sequence[Cue], text: str) -> list[Sentence]:
    """Cues grouped by the sentence of their first token."""
    by_sentence: dict[int, dict[str, list[Cue]]] = defaultdict(lambda: defaultdict(list))
    for cue in cues:
        by_sentence[tokens[cue.first].sentence][cue.concept].append(cue)
    bounds: dict[int, tuple[int, int]] = {}
    for index, token in enumerate(tokens):
        first, _ = bounds.get(token.sentence, (index, index))
        bounds[token.sentence] = (first, index)
    sentences = []
    for number in sorted(bounds):
        first, last = bounds[number]
        next_start = tokens[last + 1].start if last + 1 < len(tokens) else len(text)
        segment = text[tokens[first].start : next_start]
        is_aside = segment[:ASIDE_PREFIX_CHARS].lower().startswith(ASIDE_PREFIXES)
        cues_here = dict(by_sentence.get(number, {}))
        line_start = text.rfind("\n", 0, tokens[first].start) + 1
        lead = text[line_start : tokens[first].start].strip()
        is_bulleted = 0 < len(lead) <= MAX_BULLET_CHARS and not any(
            char.isalnum() or char in "\"'“”‘’([" for char in lead
        )
        sentences.append(Sentence(number, cues_here, "?" in segment, tokens, is_aside, is_bulleted))
    return sentences


# Scraped news carries links to other stories; their headlines tell of other people's acts.
ASIDE_PREFIXES = (
    "baca juga",
    "simak juga",
    "lihat juga",
    "baca:",
    "artikel terkait",
    "berita terkait",
    "tonton juga",
    "baca selengkapnya",
)
ASIDE_PREFIX_CHARS = 24


def describes_no_act(sentence: Sentence, tokens: Sequence[Token]) -> bool:
    """A question, a clearance, a recap count or talk about the rules: no breach is told."""
    if sentence.is_aside or (sentence.has_question_mark and sentence.has("question")):
        return True
    if is_statistical(sentence, tokens) or live_clearances(sentence.get("cleared"), tokens):
        return True
    return sentence.has("rule_talk") and not sentence.has("allegation")


MIN_COUNT = 2


def is_statistical(sentence: Sentence, tokens: Sequence[Token]) -> bool:
    """'sebanyak 103 kasus', '433 temuan dan laporan': a recap counts cases, it tells none."""
    for cue in sentence.get("count_noun"):
        previous = tokens[cue.first - 1].form if cue.first > 0 else ""
        if previous.isdecimal() and int(previous) >= MIN_COUNT:
            return True
    return False


def is_neutrality_event(sentence: Sentence, anchor: int, *, alleged: bool) -> bool:
    """An ikrar, apel or seminar told in the same breath as the act, with nothing alleged."""
    if alleged:
        return False
    return any(
        cue.first < anchor or cue.first - anchor <= RULE_REACH_AFTER
        for cue in sentence.get("neutrality_activity")
    )


_WEAK_NORMATIVE = frozenset(
    {
        "agar",
        "supaya",
        "imbau",
        "himbau",
        "ingat",
        "seperti",
        "mengingatkan",
        "jangan",
        "kalau",
        "sepanjang",
    }
)
_NEUTRALITY_WORDS = frozenset({"netral", "netralitas", "jangan", "tidak", "larang", "profesional"})


def is_ruled(sentence: Sentence, anchor: int, tokens: Sequence[Token]) -> bool:
    """The act at token `anchor` sits under a rule or appeal: before it, or shortly after it."""
    governing = [
        cue
        for cue in sentence.get("normative")
        if cue.first < anchor or cue.first - anchor <= RULE_REACH_AFTER
    ]
    return bool(governing) and _is_strong_normative(governing, sentence, tokens)


def _is_strong_normative(cues: Sequence[Cue], sentence: Sentence, tokens: Sequence[Token]) -> bool:
    for cue in cues:
        words = {tokens[i].form for i in range(cue.first, cue.last + 1)}
        if not words <= _WEAK_NORMATIVE:
            return True
    # An appeal ("mengimbau agar ...") counts only when it appeals for neutrality.
    forms = {token.form for token in tokens if token.sentence == sentence.index}
    return bool(forms & _NEUTRALITY_WORDS) and "lupa" not in forms


_NEGATIONS = frozenset({"tidak", "bukan", "belum", "enggan", "menolak", "tolak", "tanpa"})


def live_clearances(cues: Sequence[Cue], tokens: Sequence[Token]) -> list[Cue]:
    """Clearances not denied: "tidak sedang menjalani CLTN" denies the leave, and the
    abbreviation that follows it ("cuti di luar tanggungan negara (CLTN)") with it."""
    denied_until = -2  # no denial seen yet
    live: list[Cue] = []
    for cue in sorted(cues, key=lambda c: c.first):
        if (
            cue.first <= denied_until + 1
            or is_negated(cue, tokens, reach=CLEARANCE_NEGATION_REACH)
            or _is_conditional(cue, tokens)
            or _is_denied_by_accused(cue, tokens)
        ):
            denied_until = max(denied_until, cue.last)
            continue
        live.append(cue)
    return live


_CONDITIONALS = frozenset("asalkan asal jika apabila bila kalau harus wajib seharusnya".split())


def _is_conditional(cue: Cue, tokens: Sequence[Token]) -> bool:
    """'boleh mendampingi asalkan sudah CLTN': a condition, not a fact."""
    sentence = tokens[cue.first].sentence
    return any(
        tokens[i].form in _CONDITIONALS and tokens[i].sentence == sentence
        for i in range(max(0, cue.first - CLEARANCE_NEGATION_REACH), cue.first)
    )


_DENIALS = frozenset(
    "bantah berdalih dalih klaim mengklaim tepis menepis sangkal menyangkal".split()
)


def _is_denied_by_accused(cue: Cue, tokens: Sequence[Token]) -> bool:
    """'membantah ... menyebutnya hasil suntingan': the accused's claim clears nothing."""
    sentence = tokens[cue.first].sentence
    return any(
        token.form in _DENIALS or token.form.startswith(("membantah", "dibantah"))
        for token in tokens[max(0, cue.first - DENIAL_REACH) : cue.first]
        if token.sentence == sentence
    )


def is_negated(cue: Cue, tokens: Sequence[Token], reach: int = 2) -> bool:
    """'tidak hadir', 'bukan memasang': the act is denied."""
    for offset in range(1, reach + 1):
        index = cue.first - offset
        if index < 0 or tokens[index].sentence != tokens[cue.first].sentence:
            break
        if tokens[index].form in _NEGATIONS:
            return True
    return False


def find_acts(
    tokens: Sequence[Token], cues: Sequence[Cue], mentions: Sequence[Mention], text: str
) -> list[RawFinding]:
    """All acts the text tells of, each with its actor, best first."""
    sentences = group_sentences(tokens, cues, text)
    by_index = {sentence.index: sentence for sentence in sentences}
    doc = _merge(sentences, -1)
    asides = {sentence.index for sentence in sentences if sentence.is_aside}
    actors = [m for m in mentions if m.is_actor and m.sentence not in asides]
    has_allegation = any(
        cue.concept == "allegation" and not is_negated(cue, tokens) for cue in cues
    )
    cleared = bool(live_clearances(doc.get("cleared"), tokens))
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
            near = _merge([by_index[i] for i in around if i in by_index], sentence.index)
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
            if act in NEEDS_NAMED_ACTOR and (
                carried or not actor.is_specific or actor.first > anchor
            ):
                continue
            score = base
            if actor.is_specific:
                score += SPECIFIC_ACTOR_BONUS
            if has_allegation:
                score += ALLEGATION_BONUS
            if carried:
                score -= CARRIED_ACTOR_PENALTY
            if cleared:
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


def _merge(sentences: Sequence[Sentence], index: int) -> Sentence:
    merged: dict[str, list[Cue]] = defaultdict(list)
    for sentence in sentences:
        for concept, found in sentence.cues.items():
            merged[concept].extend(found)
    tokens = sentences[0].tokens if sentences else ()
    return Sentence(index, dict(merged), any(s.has_question_mark for s in sentences), tokens)


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
    if _is_list_item(sentence) and not _refers_back(sentence):
        return None, False  # "2. Melakukan kampanye di media sosial": an item of a list of rules
    earlier = [m for m in actors if sentence.index - CARRY_BACK <= m.sentence < sentence.index]
    # News names its subject in the lead and says "ia" or the name afterwards.
    topic = next((m for m in actors if m.is_specific and m.sentence < sentence.index), None)
    if earlier:
        specific = [m for m in earlier if m.is_specific]
        return (specific[-1] if specific else topic or earlier[-1]), True
    if topic is not None and _refers_back(sentence):
        return topic, True
    later = [m for m in actors if sentence.index < m.sentence <= sentence.index + CARRY_FORWARD]
    if later:
        return later[0], True
    return None, False


MAX_LIST_NUMBER = 30
MAX_BULLET_CHARS = 3


def _is_list_item(sentence: Sentence) -> bool:
    """A numbered or bulleted item ("1. Memasang spanduk", "❌ Pasang APK"): its actor is
    named, if at all, inside it."""
    first = next((t for t in sentence.tokens if t.sentence == sentence.index), None)
    numbered = first is not None and first.form.isdecimal() and int(first.form) <= MAX_LIST_NUMBER
    return numbered or sentence.is_bulleted


_ANAPHORS = frozenset("ia dia beliau bersangkutan terlapor terdakwa tersangka pelaku".split())


def _refers_back(sentence: Sentence) -> bool:
    return any(
        token.form in _ANAPHORS for token in sentence.tokens if token.sentence == sentence.index
    )


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
