"""Reading export files: each shape into posts, bad rows named by line and skipped."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from netra.monitoring.core.formats import FormatError, detect_format, read_posts
from netra.monitoring.core.records import Post, RowError, content_sha256


def _read(data: str | bytes, name: str, **kwargs: object) -> list[Post | RowError]:
    raw = data.encode() if isinstance(data, str) else data
    return list(read_posts(raw, name=name, **kwargs))  # type: ignore[arg-type]


def test_jsonl_reads_posts_and_names_each_bad_line():
    lines = [
        json.dumps({"id": "a", "text": "Camat ikut kampanye", "platform": "X", "reach": "1,200"}),
        "{not json",
        json.dumps({"id": "b"}),
        "",
        json.dumps({"text": "tanpa id"}),
        json.dumps({"id": "c", "text": "ok", "posted_at": "kemarin"}),
        json.dumps({"id": "d", "text": "ok", "posted_at": "2024-09-12T10:15:00Z"}),
    ]
    rows = _read("\n".join(lines), "posts.jsonl")
    assert isinstance(rows[0], Post)
    assert rows[0].platform == "x"
    assert rows[0].reach == 1200
    assert [str(row) for row in rows[1:5]] == [
        "line 2: invalid JSON: Expecting property name enclosed in double quotes (column 2)",
        "line 3: missing field 'text'",
        "line 5: missing field 'id'",
        "line 6: posted_at 'kemarin' is not an ISO 8601 date and time",
    ]
    last = rows[5]
    assert isinstance(last, Post)
    assert last.line == 7
    assert last.posted_at is not None
    assert last.posted_at.utcoffset() is not None


def test_a_text_that_is_not_a_string_is_refused_and_the_batch_goes_on():
    lines = [
        json.dumps({"id": 1, "text": 42}),
        json.dumps({"id": 2, "text": ["Camat", "kampanye"]}),
        json.dumps({"id": 3, "text": "Camat ikut kampanye"}),
    ]
    rows = _read("\n".join(lines), "posts.jsonl")
    assert [str(row) for row in rows[:2]] == [
        "line 1: field 'text' must be a string, not int",
        "line 2: field 'text' must be a string, not list",
    ]
    assert isinstance(rows[2], Post)
    assert rows[2].external_id == "3"


def test_csv_with_a_mapping_reads_other_column_names():
    data = "post_id,body,link\n1,Kades ajak warga pilih paslon 1,https://fb.com/p/1\n2,,\n"
    rows = _read(data, "x.csv", mapping={"id": "post_id", "text": "body", "url": "link"})
    first, second = rows
    assert isinstance(first, Post)
    assert (first.external_id, first.url) == ("1", "https://fb.com/p/1")
    assert str(second) == "line 3: field 'text' is empty"


def test_an_unknown_mapping_field_is_refused_naming_the_fields():
    with pytest.raises(FormatError, match="unknown field"):
        _read("id,text\n1,a\n", "x.csv", mapping={"body": "text"})


def test_twitter_v2_response_gives_handle_permalink_media_and_reach():
    page = {
        "data": [
            {
                "id": "1834",
                "text": "Pak lurah pasang baliho paslon https://t.co/abc",
                "author_id": "9",
                "created_at": "2024-09-12T03:00:00.000Z",
                "entities": {"urls": [{"expanded_url": "https://news.example/baliho"}]},
                "attachments": {"media_keys": ["3_1"]},
                "public_metrics": {"retweet_count": 10, "like_count": 5},
            },
            {"id": "1835", "author_id": "9"},
        ],
        "includes": {
            "users": [{"id": "9", "username": "warga_bogor"}],
            "media": [{"media_key": "3_1", "url": "https://pbs.example/1.jpg"}],
        },
    }
    rows = _read(json.dumps(page), "tweets.json")
    tweet, bad = rows
    assert isinstance(tweet, Post)
    assert tweet.author == "@warga_bogor"
    assert tweet.url == "https://x.com/warga_bogor/status/1834"
    assert tweet.reach == 15
    assert "https://news.example/baliho" in tweet.links
    assert [m.name for m in tweet.media] == ["https://pbs.example/1.jpg"]
    assert str(bad) == "line 2: data[1]: missing field 'text'"


def test_telegram_export_reads_formatted_text_and_skips_service_messages():
    export = {
        "name": "Info Pilkada",
        "id": 77,
        "messages": [
            {"id": 1, "type": "service", "action": "create_channel"},
            {
                "id": 2,
                "type": "message",
                "date": "2024-09-12T10:15:00",
                "from": "Admin",
                "text": ["Camat hadir di ", {"type": "bold", "text": "kampanye"}, " paslon 2"],
            },
            {"id": 3, "type": "message", "date": "bukan tanggal", "text": "x"},
        ],
    }
    rows = _read(json.dumps(export), "result.json")
    post, bad = rows
    assert isinstance(post, Post)
    assert post.text == "Camat hadir di kampanye paslon 2"
    assert post.external_id == "77:2"
    assert post.posted_at is not None
    assert post.posted_at.hour == 10
    assert isinstance(bad, RowError)
    assert bad.line == 3


def test_whatsapp_export_joins_continuation_lines_and_skips_system_lines():
    chat = (
        "12/09/24 10.14 - Pesan dan panggilan terenkripsi secara end-to-end.\n"
        "12/09/24 10.15 - Budi: Pak kades tadi pagi\n"
        "ngumpulin RT buat dukung paslon 1\n"
        "12/09/24 10.16 - Sari: <Media tidak disertakan>\n"
        "31/02/24 10.17 - Sari: tanggal mustahil\n"
        "[12/09/24 10.18.30] Ani: versi iOS\n"
    )
    rows = _read(chat, "Chat WhatsApp dengan Warga.txt")
    first, bad, ios = rows
    assert isinstance(first, Post)
    assert first.text == "Pak kades tadi pagi\nngumpulin RT buat dukung paslon 1"
    assert (first.author, first.platform, first.line) == ("Budi", "whatsapp", 2)
    assert str(bad).startswith("line 5: date ")
    assert isinstance(ios, Post)
    assert ios.posted_at is not None
    assert ios.posted_at.second == 30


def test_crowdtangle_csv_reads_message_link_and_interactions():
    data = (
        "Page Name,User Name,Facebook Id,Post Created,Type,Total Interactions,Message,URL\n"
        'Info Bogor,infobogor,123,2024-09-12 10:15:00 WIB,Photo,"1,024",'
        "Camat ikut kampanye,https://www.facebook.com/infobogor/posts/1\n"
        "Info Bogor,infobogor,123,2024-09-12 11:00:00 WIB,Photo,3,tanpa url,\n"
    )
    assert detect_format("ct.csv", data.encode()) == "crowdtangle"
    post, bad = _read(data, "ct.csv")
    assert isinstance(post, Post)
    assert post.reach == 1024
    assert post.platform == "facebook"
    assert post.author == "infobogor"
    assert str(bad) == "line 3: missing the post 'URL' (CrowdTangle's post identity)"


def test_media_next_to_the_file_is_hashed_and_a_path_outside_is_refused(tmp_path: Path):
    (tmp_path / "foto.jpg").write_bytes(b"\xff\xd8\xffdata")
    lines = [
        json.dumps({"id": "1", "text": "a", "media": ["foto.jpg"]}),
        json.dumps({"id": "2", "text": "b", "media": "../../etc/passwd"}),
        json.dumps({"id": "3", "text": "c", "media": ["hilang.jpg"]}),
    ]
    ok, outside, missing = _read("\n".join(lines), "p.jsonl", media_dir=tmp_path)
    assert isinstance(ok, Post)
    assert ok.media[0].sha256 == hashlib.sha256(b"\xff\xd8\xffdata").hexdigest()
    assert "outside the export folder" in str(outside)
    assert "not found" in str(missing)


def test_a_file_in_no_known_format_is_refused_with_the_formats_named():
    with pytest.raises(FormatError, match="choose one of jsonl, csv") as refused:
        _read("hello", "notes.md")
    assert "--format" in str(refused.value.details["cli_hint"])  # what `netra ingest` adds
    with pytest.raises(FormatError, match="not UTF-8"):
        _read(b"\xff\xfe\x00bad", "p.jsonl")


def test_content_hash_ignores_spacing_but_not_words():
    assert content_sha256("Camat  ikut\nkampanye ") == content_sha256("Camat ikut kampanye")
    assert content_sha256("Camat ikut kampanye") != content_sha256("Camat ikut kampanye!")


def test_a_jsonl_line_that_is_not_utf8_is_one_bad_line_and_the_rest_are_kept():
    # qa-3: one mis-encoded line used to refuse the whole file ("bad byte at offset 102").
    data = (
        json.dumps({"id": "a", "text": "Kades hadir deklarasi paslon"}).encode()
        + b"\n"
        + b'{"id": "b", "text": "caf\xe9 kampanye"}\n'
        + json.dumps({"id": "c", "text": "Lurah pasang baliho paslon"}).encode()
        + b"\r\n"
    )
    first, bad, last = _read(data, "posts.jsonl")
    assert isinstance(first, Post)
    assert first.external_id == "a"
    assert isinstance(bad, RowError)
    assert bad.line == 2
    assert "not UTF-8" in bad.message
    assert isinstance(last, Post)
    assert last.external_id == "c"
    assert last.line == 3


def test_a_line_separator_inside_a_jsonl_text_stays_in_its_post():
    # U+2028 and U+0085 are legal inside a JSON string; JSON Lines ends a line at \n only.
    text = "Camat ikut kampanye\u2028paslon nomor 2\x85hari ini"
    data = json.dumps({"id": "a", "text": text}, ensure_ascii=False) + "\n"
    (post,) = _read(data, "posts.jsonl")
    assert isinstance(post, Post)
    assert post.text == text


def test_a_csv_that_is_not_utf8_is_refused_naming_the_line():
    data = b"id,text\n1,Camat kampanye\n2,Lurah caf\xe9\n"
    with pytest.raises(FormatError) as refused:
        _read(data, "posts.csv")
    assert refused.value.details["line"] == 3


def _row_reason_templates() -> list[tuple[str, str]]:
    """Every literal reason a monitoring reader gives a bad row (`RowError.of`, `RowValueError`)."""
    import ast

    import netra.monitoring.core as core

    found = []
    for path in sorted(Path(core.__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            position = {"of": 1, "RowValueError": 0}.get(name)
            if position is None or len(node.args) <= position:
                continue
            argument = node.args[position]
            template = argument.value if isinstance(argument, ast.Constant) else None
            found.append((f"{path.name}:{node.lineno}", template))
    return found


def test_every_bad_row_reason_is_a_template_with_an_indonesian_translation():
    from django.utils import translation
    from django.utils.translation import gettext

    reasons = _row_reason_templates()
    assert len(reasons) >= 25  # the readers' 25 and the feed reader's 2, at qa-4
    with translation.override("id"):
        missing = [
            (where, template)
            for where, template in reasons
            if not isinstance(template, str) or gettext(template) == template
        ]
    assert missing == []


def test_a_bad_row_keeps_its_english_sentence_and_its_template():
    rows = list(read_posts(b'{"id": "a", "text": "x", "reach": "-3"}\n', name="p.jsonl"))
    assert str(rows[0]) == "line 1: reach -3 is negative"
    assert rows[0].template == "reach %(value)s is negative"
    assert rows[0].params == {"value": -3}
