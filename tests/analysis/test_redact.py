"""Personal data out of training texts: typed placeholders, offices kept."""

from __future__ import annotations

from netra.analysis.redact import EMAIL, NAME, NIK, NIP, PHONE, redact


def test_identifiers_become_typed_placeholders() -> None:
    text = (
        "NIP 19820315 200801 1 004, NIK 3201234567890001, hp +62 812 3456 7890, "
        "surel budi@contoh.id"
    )
    assert redact(text) == f"NIP {NIP}, NIK {NIK}, hp {PHONE}, surel {EMAIL}"


def test_known_and_introduced_names_go_wherever_they_stand() -> None:
    text = "Terlapor saudara Hendra Wijaya hadir. Hendra juga mengajak warga. Pak Budi melapor."
    out = redact(text, names=["Budi Santoso"])
    assert "Hendra" not in out
    assert "Budi" not in out
    assert out.count(NAME) == 3


def test_an_office_after_an_honorific_is_not_a_name() -> None:
    assert (
        redact("Pak Camat dan Ibu Kepala Dinas hadir.") == "Pak Camat dan Ibu Kepala Dinas hadir."
    )


def test_a_text_without_personal_data_is_unchanged() -> None:
    text = "Seorang kepala desa memasang baliho paslon nomor urut 2 di balai desa."
    assert redact(text) == text
