"""Social media and messaging platforms, named however posts and reports write them.

Short forms are the hard part: "WA" is WhatsApp but "Wa" is also a Butonese title ("Wa Ode") and
"wa" starts "wa'alaikumsalam"; a bare "X" is a letter, a placeholder ("Desa X") or a multiplier.
So "wa" counts in lower case only inside phrases ("grup wa"), and X only as "akun X", "X (Twitter)",
"x.com" and the like, with the X written in capitals.
"""

from __future__ import annotations

from enum import StrEnum

from netra.analysis.entities._text import Check, KeywordMatcher, capitalised, exactly


class Platform(StrEnum):
    FACEBOOK = "Facebook"
    INSTAGRAM = "Instagram"
    TIKTOK = "TikTok"
    WHATSAPP = "WhatsApp"
    X = "X/Twitter"
    YOUTUBE = "YouTube"
    THREADS = "Threads"


def _upper_x(surface: str) -> bool:
    return "X" in surface


_ANY: tuple[tuple[Platform, str], ...] = tuple(
    (platform, key)
    for platform, keys in (
        (Platform.FACEBOOK, ("facebook", "fb", "fesbuk", "facebook.com", "fb.com")),
        (Platform.INSTAGRAM, ("instagram", "ig", "insta", "instagram.com", "instastory")),
        (Platform.TIKTOK, ("tiktok", "tik tok", "tik-tok", "tiktok.com")),
        (
            Platform.WHATSAPP,
            (
                "whatsapp", "whats app", "watsap", "wasap", "whatsapp.com",
                "grup wa", "group wa", "wa grup", "wa group", "status wa", "story wa", "sw wa",
                "via wa", "lewat wa", "pesan wa", "chat wa", "wag",
            ),
        ),
        (Platform.X, ("twitter", "twitter.com", "x.com", "x/twitter", "twitter/x", "twiter")),
        (Platform.YOUTUBE, ("youtube", "yt", "yutub", "youtube.com", "youtu.be")),
        (Platform.THREADS, ("threads.net",)),
    )
    for key in keys
)  # fmt: skip

# (platform, key, check, characters of the key before the platform name itself)
_CHECKED: tuple[tuple[Platform, str, Check, int], ...] = (
    (Platform.WHATSAPP, "WA", exactly("WA"), 0),
    (Platform.THREADS, "Threads", capitalised, 0),
    (Platform.X, "X (Twitter)", _upper_x, 0),
    (Platform.X, "X (dulu Twitter)", _upper_x, 0),
    (Platform.X, "X (sebelumnya Twitter)", _upper_x, 0),
    (Platform.X, "X (d/h Twitter)", _upper_x, 0),
    *(
        (Platform.X, lead + "X", _upper_x, len(lead))
        for lead in (
            "akun ", "aplikasi ", "platform ", "media sosial ", "medsos ", "cuitan di ",
            "postingan di ", "unggahan di ", "twit di ", "tweet di ",
        )
    ),
)  # fmt: skip


def register_platforms(matcher: KeywordMatcher[object]) -> None:
    for platform, key in _ANY:
        matcher.add(key, platform)
    for platform, key, check, skip in _CHECKED:
        matcher.add(key, platform, check=check, skip=skip)
