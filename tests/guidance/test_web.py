"""Tanya Aturan on the web: ask, send an unanswered question, answer it in the desk, publish."""

from __future__ import annotations

import pytest
from django.urls import reverse

from netra.audit.models import AuditEvent
from netra.guidance.models import Question, QuestionStatus

pytestmark = pytest.mark.django_db

UNANSWERED = "Bolehkah ASN menjadi saksi paslon di TPS?"


@pytest.fixture
def id_client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "id-ID,id;q=0.9"
    return client


def _send(client, text: str = UNANSWERED, region: str = "") -> Question:
    response = client.post(reverse("guidance:submit"), {"text": text, "region": region})
    assert response.status_code == 302
    return Question.objects.get(code=response["Location"].rstrip("/").rsplit("/", 1)[-1])


def _answer(client, question: Question) -> None:
    response = client.post(
        reverse("guidance:desk_question", args=[question.pk]),
        {
            "action": "answer",
            "answer": "Tidak boleh: menjadi saksi pasangan calon adalah keberpihakan.",
            "allowed": "no",
            "norms": "SKB 2022 Lampiran II B13",
            "source": "Bawaslu Kabupaten Bogor",
        },
    )
    assert response.status_code == 302


def test_the_page_answers_like_by_date_with_articles(db, id_client):
    before = id_client.get(
        reverse("guidance:ask"),
        {"q": "bolehkah ASN like postingan paslon?", "tanggal": "2024-09-01"},
    ).content.decode()
    after = id_client.get(
        reverse("guidance:ask"),
        {"q": "bolehkah ASN like postingan paslon?", "tanggal": "2024-10-01"},
    ).content.decode()
    assert "Tidak boleh" in before
    assert "SKB 2022 Lampiran II A4" in before
    assert "SKB 2022 Lampiran II B6" not in before
    assert "SKB 2022 Lampiran II B6" in after
    assert "Tidak menemukan jawaban?" in after


def test_a_question_that_names_no_one_lists_the_rule_for_each_kind(db, id_client):
    body = id_client.get(
        reverse("guidance:ask"), {"q": "Bolehkah mobil dinas dipakai untuk kampanye?"}
    ).content.decode()
    assert "Menurut jenis pelaku" in body
    assert '<ul class="by-subject">' in body
    assert "Anggota TNI: tidak boleh" in body
    assert "dijawab untuk ASN" in body


def test_a_question_is_shown_as_text_not_markup(db, id_client):
    body = id_client.get(reverse("guidance:ask"), {"q": "<script>alert(1)</script> ASN?"})
    assert "<script>alert(1)</script>" not in body.content.decode()


def test_a_sent_question_keeps_no_identity_and_waits_in_the_queue(db, id_client, regions):
    question = _send(id_client, region="32.01")
    assert question.status == QuestionStatus.PENDING
    assert question.region == regions["bogor"]
    page = id_client.get(reverse("guidance:question", args=[question.code])).content.decode()
    assert "Menunggu jawaban" in page
    assert AuditEvent.objects.filter(action="guidance.question_submitted").count() == 1


def test_an_unknown_region_code_is_refused_with_the_reason(db, id_client):
    response = id_client.post(reverse("guidance:submit"), {"text": UNANSWERED, "region": "99.99"})
    assert response.status_code == 422
    assert Question.objects.count() == 0


def test_the_queue_keeps_to_the_region_scope(db, id_client, cast, regions):
    bogor = _send(id_client, region="32.01")
    national = _send(id_client, text="Bolehkah ASN jadi anggota KPPS?")
    id_client.force_login(cast["outsider_surabaya"])
    queue = id_client.get(reverse("guidance:queue")).content.decode()
    assert national.text in queue
    assert bogor.text not in queue
    response = id_client.get(reverse("guidance:desk_question", args=[bogor.pk]))
    assert response.status_code == 404


def test_the_public_cannot_open_the_queue(db, id_client):
    response = id_client.get(reverse("guidance:queue"))
    assert response.status_code == 302


def test_an_answer_is_published_only_after_a_second_supervisor_reviews_it(db, id_client, cast):
    question = _send(id_client, region="32.01")
    id_client.force_login(cast["panwas_bogor"])
    _answer(id_client, question)
    id_client.post(reverse("guidance:desk_question", args=[question.pk]), {"action": "publish"})
    question.refresh_from_db()
    assert question.status == QuestionStatus.ANSWERED  # the author cannot publish their own
    id_client.force_login(cast["bawaslu_jabar"])
    id_client.post(reverse("guidance:desk_question", args=[question.pk]), {"action": "publish"})
    question.refresh_from_db()
    assert question.status == QuestionStatus.PUBLISHED
    assert question.published_by == cast["bawaslu_jabar"]


def test_a_published_answer_becomes_searchable(db, id_client, cast):
    before = id_client.get(reverse("guidance:ask"), {"q": "ASN jadi saksi paslon di TPS?"})
    assert 'data-basis="published"' not in before.content.decode()
    question = _send(id_client)
    id_client.force_login(cast["panwas_bogor"])
    _answer(id_client, question)
    id_client.force_login(cast["bawaslu_ri"])
    id_client.post(reverse("guidance:desk_question", args=[question.pk]), {"action": "publish"})
    id_client.logout()
    body = id_client.get(reverse("guidance:ask"), {"q": "ASN jadi saksi paslon di TPS?"})
    text = body.content.decode()
    assert 'data-basis="published"' in text
    assert "menjadi saksi pasangan calon adalah keberpihakan" in text


def test_a_viewer_cannot_answer(db, id_client, cast):
    question = _send(id_client, region="32.01")
    id_client.force_login(cast["viewer_bogor"])
    id_client.post(
        reverse("guidance:desk_question", args=[question.pk]),
        {"action": "answer", "answer": "x", "allowed": "", "norms": "", "source": "y"},
    )
    question.refresh_from_db()
    assert question.status == QuestionStatus.PENDING


def test_the_citizen_picks_the_region_by_name_not_by_a_code(db, id_client, regions):
    # QA walk-through: the form asked citizens for a Kemendagri code ("misalnya 32.01").
    asked = {"q": "Bolehkah ASN menjadi saksi paslon di TPS?"}
    page = id_client.get(reverse("guidance:ask"), asked).content.decode()
    assert "Kabupaten/kota Anda" in page
    assert '<option value="32.01">Kabupaten Bogor</option>' in page
    assert "misalnya 32.01" not in page
