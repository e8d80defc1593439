"""Who the act is about: officials who only speak, and officials linked to the act's sentence.

News names many officials beside the one accused: the head of the personnel agency who confirms
the sanction ("kata Kepala BKD ..."), the head of a dinas who confirms that its account posted
("Kepala Dinas ..., membenarkan"), the investigator. The subject chooser read the first official
named as acting, so a speaker named before the accused, or the only office-holder in a text about
"ASN", took the subject. These pure functions tell a speaker from an actor by the speech verb
beside the mention, and link each sentence that tells an act to the officials acting in it, or,
where it names none ("Ia mengunggah ...", "Yang bersangkutan hadir ..."), to the official last
named in the sentences before (the same reach as the act rules' carry-over).

Only the cues and mentions the analyzer has already found are read: no text is parsed again, so
screening pays a loop over a post's mentions and cues, and only where the prefilter let it in.
"""

from __future__ import annotations

from collections.abc import Sequence

from netra.analysis.lexicon import Cue
from netra.analysis.normalize import Token
from netra.analysis.subjects import Mention

# Cue concepts that tell what was done (not who did it or to whom, nor what kind of sentence
# it is): not `mobilize_target`, which every office word is too.
ACT_CONCEPTS = frozenset(
    """
    post_verb engage_verb photo partisan_symbol attend_verb event team team_role approach
    membership_role membership declare promo props props_verb mobilize_verb
    vote_verb gift ktp independent_path decision decision_partisan facility rotation
    rotation_context support partiality social_media
    """.split()
)
# Words of a quote's attribution before the speaker: "kata Kepala BKD", "ujar Camat X",
# "menurut Kepala Dinas" (the tokenizer drops -nya: "ujarnya" is "ujar"). Not "tegas", "jelas"
# or "terang": the tokenizer gives "menegaskan" as "tegas", and "menegaskan akan menindak Kepala
# Sekolah X" names the accused after the speaker's verb; "secara tegas", "yang jelas" are adverbs.
SPEECH_BEFORE = frozenset("kata ujar ungkap tutur imbuh pungkas papar ucap menurut".split())
# Verbs of saying after the speaker: "Kepala Dinas Kesehatan, H Agus, membenarkan ...". Not
# "menyatakan" nor "mengaku": "menyatakan dukungan", "mengaku mendukung" tell the act itself;
# nor "membantah", "menampik": the accused denies.
SPEECH_AFTER = frozenset("mengatakan menjelaskan membenarkan mengungkapkan menuturkan".split())
SPEAKER_BEFORE_REACH = 2  # "kata Kepala BKD", "ujar Sekda": the speaker follows within two words
SPEAKER_AFTER_REACH = 6  # "Kepala Dinas Kesehatan Majalengka, H Agus Susanto, membenarkan"
CARRY_BACK = 3  # sentences an official stays the one "ia" or "yang bersangkutan" points at


def speakers(tokens: Sequence[Token], mentions: Sequence[Mention], offset: int = 0) -> list[bool]:
    """For each mention, whether it is named as the one who says something, in its sentence.

    `offset` is the index of tokens[0] in the text the mentions count from (a window's).
    """
    flags: list[bool] = []
    for position, mention in enumerate(mentions):
        first, last, sentence = mention.first - offset, mention.last - offset, mention.sentence
        before = range(max(0, first - SPEAKER_BEFORE_REACH), first)
        said = any(
            tokens[i].form in SPEECH_BEFORE and tokens[i].sentence == sentence for i in before
        )
        if not said:
            stop = len(tokens)
            following = mentions[position + 1] if position + 1 < len(mentions) else None
            if following is not None and following.sentence == sentence:
                stop = following.first - offset  # the verb belongs to the next one named
            for i in range(last + 1, min(last + 1 + SPEAKER_AFTER_REACH, stop)):
                token = tokens[i]
                if token.sentence != sentence:
                    break
                if token.form in SPEECH_AFTER:
                    said = True
                    break
        flags.append(said)
    return flags


def act_actors(
    tokens: Sequence[Token],
    cues: Sequence[Cue],
    mentions: Sequence[Mention],
    offset: int = 0,
) -> list[Mention]:
    """The officials the sentences that tell an act are about, in the order of those sentences.

    A sentence with an act cue is about the serving officials named as acting in it who are not
    only speaking there; where it names none, about the one last named so in the CARRY_BACK
    sentences before it (a specific one, "seorang camat", before a plain class word). Each
    official is listed once.
    """
    act_sentences = sorted(
        {tokens[cue.first - offset].sentence for cue in cues if cue.concept in ACT_CONCEPTS}
    )
    if not act_sentences or not mentions:
        return []
    spoken = speakers(tokens, mentions, offset)
    acting = [
        m
        for m, speaking in zip(mentions, spoken, strict=True)
        if m.is_actor and not m.is_former and not m.is_object and not speaking
    ]
    linked: list[Mention] = []
    for sentence in act_sentences:
        here = [m for m in acting if m.sentence == sentence]
        if not here:
            earlier = [m for m in acting if sentence - CARRY_BACK <= m.sentence < sentence]
            specific = [m for m in earlier if m.is_specific]
            here = specific[-1:] or earlier[-1:]
        linked.extend(m for m in here if m not in linked)
    return linked
