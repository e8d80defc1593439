"""One rule per act code: which cues, in which order and how close, make each act.

Each rule reads one sentence (and, where the law needs it, its neighbours or the whole text) and
returns its base score and the cues that show the act, the act's own cue first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from netra.analysis.lexicon import Cue
from netra.analysis.normalize import Token
from netra.analysis.sentences import Sentence

WINDOW = 12  # tokens between the words of one act


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
