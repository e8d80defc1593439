"""Round 32's label conventions: one reading for each shape the sets once labelled two ways.

Round 30 found that a fifth of the first-run misses were shapes the development sets label two
ways, so a rule that follows one labelling loses the other. Round 32 wrote one convention per
shape from the law (docs/consultation.md, "The label conventions (round 32)"), relabelled the
development questions that did not follow it, and this module makes the reader follow the same
conventions, so that a question a future check labels by the written table meets a reader that
applies it. Each convention only re-reads the act the reader already found first; it never reads
an act into a question that had none.

1. A share: passing on a candidate's or team's *post* (unggahan, postingan, status) is the
   interaction SKB 2022 Lampiran II A4/B6 names ("share"); spreading the candidate's *material*
   (konten, poster, gambar, foto, jadwal, visi misi, profil) is socialising the candidate, A2/B2.
   A list of reactions (like, comment and share) stays the interaction.
2. Something handed out to people by the official (stickers, calendars, T-shirts, sembako, money)
   is a gift for a candidate: PP 94/2021 Pasal 5 huruf n angka 6 ("pemberian barang ... kepada
   ... masyarakat"), SKB B8, not putting up props (B1) nor taking part in a campaign.
3. (No reading change: the labels already follow it.) Aid used to sway its recipients is
   mobilisation; aid or a programme used for a candidate with no demand on the recipients is a
   decision or act of office.
4. Attending a team's meeting or event is campaign attendance; a role in the team (member,
   chair, coordinator) is the campaign team (UU 7/2017 Pasal 280 ayat (2) and (3)).
5. A candidate's material put on or in a thing or place of the state (an office, a school, an
   official vehicle, state aid goods, state property) is the use of a state facility (UU 7/2017
   Pasal 280 ayat (1) huruf h; UU 10/2016 Pasal 69 huruf h), not putting up props anywhere.
   Round 36: where conventions 2 and 3 meet (state aid handed out, a candidate named, no demand
   on the recipients), convention 3 wins: the aid is the state's, so handing it out for a
   candidate is a decision or act of office, not a gift of one's own (check 35's ah06).
6. (No reading change.) "Bolehkah ASN mendaftar ke partai / ikut penjaringan ...?" asks about the
   approach to a party the SKB forbids; what running requires (harus/wajib mundur) is the FAQ's.
"""

from __future__ import annotations

from collections.abc import Sequence

# Whether the reader follows the conventions (round 32); False answers as round 31's reader.
FOLLOW_CONVENTIONS = True
# Round 36: state aid handed out for a candidate with no demand on the recipients is convention
# 3's decision of office, not convention 2's mobilisation. False to measure without it.
STATE_AID_PRECEDES_GOODS = True
DECISION = "partisan_decision"

ENGAGEMENT = "social_media_engagement"
CAMPAIGN = "social_media_campaign"
PROPS = "props_installation"
ATTENDANCE = "campaign_attendance"
TEAM = "campaign_team"
MOBILIZATION = "mobilization"
FACILITY = "state_facility_use"

_SHARE_VERBS = frozenset(
    "membagikan bagikan membagi share menyebarkan sebarkan menyebarluaskan meneruskan teruskan "
    "repost me-repost forward".split()
)
_SHARE_SKIPPED = frozenset({"ulang", "kembali", "lagi"})
_POSTS = frozenset({"unggahan", "postingan", "status", "cuitan", "story", "twit", "tweet"})
_MATERIAL = frozenset(
    "konten poster gambar foto video meme jadwal visi profil materi selebaran brosur pamflet "
    "flyer spanduk baliho".split()
)
_REACTIONS = frozenset(
    "like menyukai suka komen komentar berkomentar mengomentari follow memfollow mengikuti".split()
)
_OBJECT_REACH = 3  # words from the share verb to what is shared ("membagikan ulang postingan")

_GIVE_VERBS = frozenset(
    "membagikan bagikan membagi memberikan berikan memberi menyerahkan serahkan".split()
)
_GOODS = frozenset(
    "stiker kalender kaos kaus baju jilbab kerudung sarung gamis brosur selebaran pamflet kartu "
    "sembako uang amplop sabun gelas payung topi beras minyak hadiah bingkisan suvenir souvenir "
    "flyer".split()
)
_GOODS_REACH = 3  # words from the give verb to the goods ("membagikan uang dan kaos")
_RELATIVE_WORDS = frozenset({"yang"})  # "caleg yang membagikan kaos": someone else hands out

# An office counts when the question says whose ("kantor desa", "kantor dinas"): a bare "kantor"
# may be anyone's.
_STATE_OFFICES = frozenset(
    "desa kelurahan kecamatan camat lurah dinas pemerintah pemda pemkab pemkot pemprov bupati "
    "gubernur wali bkd bpbd satpol kementerian".split()
)
_STATE_PLACES: tuple[tuple[str, ...], ...] = (
    *(("kantor", office) for office in sorted(_STATE_OFFICES)),
    ("sekolah",),
    ("sekolahnya",),
    ("balai", "desa"),
    ("puskesmas",),
    ("rumah", "dinas"),
    ("mobil", "dinas"),
    ("kendaraan", "dinas"),
    ("motor", "dinas"),
    ("rsud",),
    ("rumah", "sakit"),
    ("gedung", "pemerintah"),
    ("asrama",),
    ("markas",),
    ("milik", "tni"),
    ("milik", "polri"),
    ("traktor", "bantuan"),
)
_NOT_THE_STATES = frozenset({"partai", "pemenangan", "tim", "relawan", "pribadi", "swasta"})
_PLACE_PREPOSITIONS = frozenset({"di", "pada", "ke", "dalam", "atas"})
_PLACE_REACH = 4  # words from the preposition to the place ("di kantor atau peralatan milik TNI")

_ATTENDING = frozenset({"ikut", "mengikuti", "menghadiri", "hadir", "datang"})
_EVENTS = frozenset(
    "rapat acara pertemuan deklarasi pelantikan pengukuhan konsolidasi syukuran".split()
)
_TEAM_WORDS = frozenset({"tim", "timses", "relawan", "pemenangan"})

# Convention 3 over 2: the state's aid or programme named, a candidate named, and no demand on
# the recipients' vote (an invitation, a condition, a threat) read anywhere in the question.
_STATE_AID = frozenset(
    "bantuan bansos blt pkh bpnt raskin rastra hibah bpbd dinsos kemensos program".split()
)
_FOR_A_CANDIDATE = frozenset(
    "calon paslon bapaslon capres cawapres cabup cagub cawalkot caleg partai kampanye".split()
)
_DEMANDS = frozenset(
    "mengajak ajak mengimbau menginstruksikan mengarahkan mengintimidasi mengancam ancam syarat "
    "asalkan asal agar supaya memilih pilih mencoblos coblos".split()
)


def follow(acts: tuple[str, ...], raw_words: Sequence[str]) -> tuple[str, ...]:
    """The acts with the first re-read by the conventions above (unchanged when none applies)."""
    if not FOLLOW_CONVENTIONS or not acts:
        return acts
    words = [word.strip(".,;:!?\"'()") for word in raw_words]
    first = acts[0]
    read: str | None = None
    if first in (ENGAGEMENT, CAMPAIGN):
        read = _share(words)
    elif first in (PROPS, ATTENDANCE):
        read = MOBILIZATION if _hands_out_goods(words) else None
        if read is None and first == PROPS and _in_a_state_place(words):
            read = FACILITY
    elif first == TEAM and _attends_an_event(words):
        read = ATTENDANCE
    elif first == MOBILIZATION and STATE_AID_PRECEDES_GOODS and _state_aid_for_candidate(words):
        read = DECISION
    if read is None or read == first:
        return acts
    return (read, *(act for act in acts if act != read))


def _share(words: Sequence[str]) -> str | None:
    """Convention 1: what is shared decides between the interaction and the campaigning."""
    if any(word in _REACTIONS for word in words):
        return ENGAGEMENT
    for index, word in enumerate(words):
        if word not in _SHARE_VERBS:
            continue
        for thing in words[index + 1 : index + 1 + _OBJECT_REACH]:
            if thing in _SHARE_SKIPPED:
                continue
            if thing in _POSTS:
                return ENGAGEMENT
            if thing in _MATERIAL:
                return CAMPAIGN
            break
    return None


def _hands_out_goods(words: Sequence[str]) -> bool:
    """Convention 2: the official hands goods out to people (not someone else in a clause)."""
    for index, word in enumerate(words):
        if word not in _GIVE_VERBS:
            continue
        if any(w in _RELATIVE_WORDS for w in words[max(0, index - 2) : index]):
            continue
        if any(w in _GOODS for w in words[index + 1 : index + 1 + _GOODS_REACH]):
            return True
    return False


def _state_aid_for_candidate(words: Sequence[str]) -> bool:
    """Conventions 2 and 3 meet: the state's aid handed out with a candidate named and nothing
    asked of the recipients, so the aid serves the candidate through the office (convention 3)."""
    lowered = [word.lower() for word in words]
    hands_out = any(word in _GIVE_VERBS for word in lowered)
    return (
        hands_out
        and any(word in _STATE_AID for word in lowered)
        and any(word in _FOR_A_CANDIDATE for word in lowered)
        and not any(word in _DEMANDS for word in lowered)
    )


def _in_a_state_place(words: Sequence[str]) -> bool:
    """Convention 5: the material is put on or in a thing or place of the state."""
    for index, word in enumerate(words):
        if word not in _PLACE_PREPOSITIONS:
            continue
        window = words[index + 1 : index + 1 + _PLACE_REACH + 2]
        for place in _STATE_PLACES:
            for start in range(len(window) - len(place) + 1):
                if tuple(window[start : start + len(place)]) != place:
                    continue
                after = window[start + len(place) : start + len(place) + 1]
                if not any(w in _NOT_THE_STATES for w in after):
                    return True
    return False


def _attends_an_event(words: Sequence[str]) -> bool:
    """Convention 4: an event of the team attended, with no role in the team taken."""
    for index, word in enumerate(words):
        if word in _ATTENDING and index + 1 < len(words) and words[index + 1] in _EVENTS:
            rest = words[index + 2 :]
            return any(w in _TEAM_WORDS for w in rest)
    return False
