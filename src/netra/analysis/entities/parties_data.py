"""Parties contesting Pemilu 2024: the 18 national parties and the 6 local parties of Aceh.

Each party lists how texts name it. ``aliases`` match in any case; ``exact`` only in the spelling
given (short forms that are also ordinary words or other acronyms: "PAN" vs "pan", "PKB" vs "pkb");
``capitalised`` only when every word starts with a capital ("Demokrat", not "demokrat").
Ambiguous bare words ("Garuda", "Buruh", "Gelora", "Ummat", "Aceh", "PBB" — also the UN and the
land tax) are reachable only with the word "Partai" in front, which every party gets automatically.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PartyDefinition:
    name: str
    abbreviation: str
    aliases: tuple[str, ...] = ()
    exact: tuple[str, ...] = ()
    capitalised: tuple[str, ...] = ()
    local_to: str | None = None  # Kemendagri province code for local parties (Aceh: "11")


PARTIES: tuple[PartyDefinition, ...] = (
    PartyDefinition(
        "Partai Kebangkitan Bangsa", "PKB", exact=("PKB",), aliases=("Partai Kebangkitan Bangsa",)
    ),
    PartyDefinition(
        "Partai Gerakan Indonesia Raya", "Gerindra", aliases=("Gerindra", "Partai Gerindra")
    ),
    PartyDefinition(
        "Partai Demokrasi Indonesia Perjuangan",
        "PDI-P",
        aliases=("PDI-P", "PDIP", "PDI P", "PDI Perjuangan", "PDI-Perjuangan", "Partai Banteng"),
    ),
    PartyDefinition("Partai Golongan Karya", "Golkar", aliases=("Golkar", "Partai Golkar")),
    PartyDefinition(
        "Partai NasDem", "NasDem", aliases=("NasDem", "Partai Nasional Demokrat", "Partai NasDem")
    ),
    PartyDefinition("Partai Buruh", "Partai Buruh", aliases=("Partai Buruh",)),
    PartyDefinition(
        "Partai Gelombang Rakyat Indonesia",
        "Gelora",
        aliases=("Partai Gelora", "Partai Gelora Indonesia", "Partai Gelombang Rakyat Indonesia"),
    ),
    PartyDefinition(
        "Partai Keadilan Sejahtera", "PKS", exact=("PKS",), aliases=("Partai Keadilan Sejahtera",)
    ),
    PartyDefinition(
        "Partai Kebangkitan Nusantara",
        "PKN",
        exact=("PKN",),
        aliases=("Partai Kebangkitan Nusantara",),
    ),
    PartyDefinition(
        "Partai Hati Nurani Rakyat", "Hanura", aliases=("Hanura", "Partai Hati Nurani Rakyat")
    ),
    PartyDefinition(
        "Partai Garda Republik Indonesia",
        "Garuda",
        aliases=("Partai Garuda", "Partai Garda Republik Indonesia"),
    ),
    PartyDefinition(
        "Partai Amanat Nasional", "PAN", exact=("PAN",), aliases=("Partai Amanat Nasional",)
    ),
    PartyDefinition("Partai Bulan Bintang", "PBB", aliases=("Partai Bulan Bintang", "Partai PBB")),
    PartyDefinition(
        "Partai Demokrat", "Demokrat", capitalised=("Demokrat",), aliases=("Partai Demokrat",)
    ),
    PartyDefinition(
        "Partai Solidaritas Indonesia",
        "PSI",
        exact=("PSI",),
        aliases=("Partai Solidaritas Indonesia",),
    ),
    PartyDefinition("Partai Persatuan Indonesia", "Perindo", aliases=("Perindo", "Partai Perindo")),
    PartyDefinition(
        "Partai Persatuan Pembangunan",
        "PPP",
        exact=("PPP",),
        aliases=("Partai Persatuan Pembangunan",),
    ),
    PartyDefinition("Partai Ummat", "Ummat", aliases=("Partai Ummat",)),
    # Local parties of Aceh (UU 11/2006 on the Government of Aceh allows them in Aceh only).
    PartyDefinition(
        "Partai Nanggroe Aceh",
        "PNA",
        exact=("PNA",),
        aliases=("Partai Nanggroe Aceh",),
        local_to="11",
    ),
    PartyDefinition(
        "Partai Generasi Atjeh Beusaboh Thaat dan Taqwa",
        "Gabthat",
        aliases=("Gabthat", "Partai Gabthat", "Partai Generasi Atjeh Beusaboh Thaat dan Taqwa"),
        local_to="11",
    ),
    PartyDefinition(
        "Partai Darul Aceh", "PDA", exact=("PDA",), aliases=("Partai Darul Aceh",), local_to="11"
    ),
    PartyDefinition("Partai Aceh", "PA", aliases=("Partai Aceh",), local_to="11"),
    PartyDefinition(
        "Partai Adil Sejahtera Aceh",
        "PAS Aceh",
        aliases=("Partai Adil Sejahtera Aceh", "PAS Aceh", "Partai PAS Aceh"),
        local_to="11",
    ),
    PartyDefinition(
        "Partai Solidaritas Independen Rakyat Aceh",
        "SIRA",
        exact=("SIRA",),
        aliases=("Partai Solidaritas Independen Rakyat Aceh", "Partai SIRA"),
        local_to="11",
    ),
)
