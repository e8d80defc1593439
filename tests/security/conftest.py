"""Fixtures for the security tests: every staff role, and real files made here with Pillow/pypdf.

The full cast adds to the shared one (tests/conftest.py) the two roles it lacks:
- panwascam_bogor  Panwaslu Kecamatan of Kecamatan Cibinong (Kab. Bogor): a Bawaslu tier, sees
                   identities there; the reports filed here are filed in Cibinong
- admin            system administrator, nationwide, not a supervisor: never sees identities
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from PIL import ExifTags, Image
from pypdf import PdfWriter

REPORTER_NAME = "Siti Aminah"  # as filed by tests/conftest.py::file_report
PHONE_MAKE = "NetraTestPhone"

# Who is a supervisor (Bawaslu) of Kab. Bogor's cases: they see the reporter and the originals.
BAWASLU_OF_BOGOR = {"panwascam_bogor", "panwas_bogor", "bawaslu_jabar", "bawaslu_ri"}
# Who else may read Kab. Bogor's cases, without the identity.
OTHERS_IN_SCOPE = {"bkn_analyst", "ppk_bogor", "viewer_bogor", "admin"}
OUT_OF_SCOPE = {"outsider_surabaya"}
EVERYONE = sorted(BAWASLU_OF_BOGOR | OTHERS_IN_SCOPE | OUT_OF_SCOPE)


@pytest.fixture
def file_report(file_report: Any, kecamatan: dict[str, Any]) -> Any:
    """The shared `file_report`, with a Kab. Bogor report filed in Kecamatan Cibinong."""

    def make(**kwargs: Any) -> Any:
        if kwargs.get("election", "bogor") == "bogor" and kwargs.get("region") is None:
            kwargs.setdefault("kecamatan", kecamatan["cibinong"])
        return file_report(**kwargs)

    return make


@pytest.fixture
def full_cast(
    cast: dict[str, Any], regions: dict[str, Any], kecamatan: dict[str, Any]
) -> dict[str, Any]:
    from netra.accounts.services import create_staff
    from netra.procedure import Role

    return cast | {
        "panwascam_bogor": create_staff(
            "panwascam_bogor",
            role=Role.PANWASCAM,
            region=regions["bogor"],
            kecamatan=kecamatan["cibinong"],
            actor=None,
        ),
        "admin": create_staff("admin", role=Role.ADMIN, region=None, actor=None),
    }


def gps_jpeg() -> bytes:
    """A real JPEG photo whose EXIF holds a GPS position (Bogor) and the phone's make."""
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = PHONE_MAKE
    exif[ExifTags.Base.Model] = "Model X"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "S"
    gps[ExifTags.GPS.GPSLatitude] = (6.0, 35.0, 12.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (106.0, 49.0, 3.0)
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def real_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 120, 0)).save(out, format="PNG")
    return out.getvalue()


def pdf_with_author(author: str) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Author": author, "/Title": "Bukti"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def mp4() -> bytes:
    """A minimal structurally valid MP4: an ftyp box, then an empty mdat and moov."""
    ftyp = (24).to_bytes(4, "big") + b"ftypisom" + b"\x00\x00\x02\x00" + b"isomiso2"
    return ftyp + (8).to_bytes(4, "big") + b"mdat" + (8).to_bytes(4, "big") + b"moov"
