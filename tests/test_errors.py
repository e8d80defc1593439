"""A failure kept on a row is put into words when it is read, in the reader's language."""

from __future__ import annotations

import json

from django.utils import translation

from netra.errors import NetraError, stored_message, stored_text


def test_a_stored_error_is_json_and_worded_in_the_language_active_when_read():
    error = NetraError("the server answered HTTP %(status)s", params={"status": 404})
    kept = json.loads(json.dumps(error.stored()))  # as a JSONField gives it back
    assert stored_text(kept, as_written=True) == "the server answered HTTP 404"
    with translation.override("id"):
        assert stored_text(kept) == "server menjawab HTTP 404"
    with translation.override("en"):
        assert stored_text(kept) == "the server answered HTTP 404"


def test_a_message_that_wraps_an_error_words_both_in_one_language():
    inner = NetraError("more than %(hours)s hours since the citizen's last message",
                       params={"hours": 24})  # fmt: skip
    why = stored_message("a conversational reply has no template")
    kept = stored_message(
        "%(error)s; %(why)s: free text is refused outside the window", error=inner, why=why
    )
    with translation.override("id"):
        assert stored_text(kept) == (
            "sudah lebih dari 24 jam sejak pesan terakhir warga; balasan percakapan tidak "
            "memiliki templat: teks bebas ditolak di luar jendela 24 jam"
        )


def test_values_that_are_not_json_are_kept_as_their_text():
    kept = stored_message("cannot fetch (%(reason)s)", reason=ConnectionRefusedError(111, "no"))
    assert kept == {"t": "cannot fetch (%(reason)s)", "v": {"reason": "[Errno 111] no"}}
    assert json.loads(json.dumps(kept)) == kept
