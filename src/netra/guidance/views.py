"""Tanya Aturan pages: the public question page and Bawaslu's queue in the desk.

Parse, call a service or selector, render. Answers come from `selectors.consultant()` (the
rulebook, the FAQ and the published desk answers); writes from `services`.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from netra.accounts.models import User
from netra.api import ratelimit
from netra.api.errors import ApiError
from netra.cases.access import staff_required
from netra.errors import NetraError
from netra.guidance import selectors
from netra.guidance.consult import QuestionError
from netra.guidance.forms import AnswerForm, AskForm, SubmitQuestionForm
from netra.guidance.models import QuestionStatus
from netra.guidance.services import answer_question, publish_answer, submit_question
from netra.rulebook import UnknownCodeError


def _rate_limited(request: HttpRequest, bucket: str) -> HttpResponse | None:
    try:
        ratelimit.limit(request, bucket)
    except ApiError as error:
        response = render(request, "429.html", status=429)
        response["Retry-After"] = str(error.details.get("retry_after_s", ratelimit.WINDOW_SECONDS))
        return response
    return None


def ask(request: HttpRequest) -> HttpResponse:
    """The question box, the best answer with its norms and sources, and related answers."""
    form = AskForm(request.GET or None)
    answer = None
    if form.is_bound and form.is_valid():
        if (limited := _rate_limited(request, "ask")) is not None:
            return limited
        consultant = selectors.consultant()
        try:
            answer = consultant.ask(form.cleaned_data["q"], on=form.cleaned_data["tanggal"])
        except (QuestionError, UnknownCodeError) as error:
            form.add_error("q", str(error))
    submit = SubmitQuestionForm(initial={"text": form.data.get("q", "")})
    return render(
        request, "guidance/ask.html", {"form": form, "answer": answer, "submit_form": submit}
    )


@require_POST
def submit(request: HttpRequest) -> HttpResponse:
    """'Tidak menemukan jawaban?': the question goes to Bawaslu's queue; the asker gets a code."""
    if (limited := _rate_limited(request, "questions")) is not None:
        return limited
    form = SubmitQuestionForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "guidance/ask.html",
            {"form": AskForm(), "answer": None, "submit_form": form},
            status=422,
        )
    question = submit_question(
        form.cleaned_data["text"], region=form.cleaned_data["region"], now=timezone.now()
    )
    return redirect(reverse("guidance:question", args=[question.code]))


def question(request: HttpRequest, code: str) -> HttpResponse:
    """The asker's view of their question: waiting, or the answer once staff gave it."""
    found = selectors.question_by_code(code)
    if found is None:
        raise Http404(_("No question has this code."))
    return render(request, "guidance/question.html", {"question": found})


@staff_required
def queue(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    status = request.GET.get("status", QuestionStatus.PENDING)
    if status not in QuestionStatus.values:
        status = QuestionStatus.PENDING
    questions = selectors.questions_for(user, status=status)[:200]
    return render(
        request,
        "guidance/queue.html",
        {"questions": questions, "status": status, "statuses": QuestionStatus.choices},
    )


@staff_required
def desk_question(request: HttpRequest, question_id: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    try:
        found = selectors.get_question_for(user, question_id)
    except selectors.QuestionNotFoundError:
        raise Http404(_("No question has this code.")) from None
    initial = {
        "answer": found.answer,
        "norms": found.norms,
        "source": found.source,
        "allowed": {True: "yes", False: "no"}.get(found.allowed, ""),  # type: ignore[arg-type]
    }
    form = AnswerForm(request.POST or None, initial=initial)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "publish":
                publish_answer(found, actor=user, now=timezone.now())
                messages.success(request, _("The answer is published to the FAQ."))
                return redirect(reverse("guidance:desk_question", args=[found.pk]))
            if form.is_valid():
                answer_question(
                    found,
                    actor=user,
                    answer=form.cleaned_data["answer"],
                    allowed=form.verdict(),
                    norms=form.cleaned_data["norms"].splitlines(),
                    source=form.cleaned_data["source"],
                    now=timezone.now(),
                )
                messages.success(
                    request, _("The answer is saved; another supervisor can publish it.")
                )
                return redirect(reverse("guidance:desk_question", args=[found.pk]))
        except NetraError as error:
            messages.error(request, str(error))
    suggestion = selectors.consultant().ask(found.text)
    return render(
        request,
        "guidance/desk_question.html",
        {"question": found, "form": form, "suggestion": suggestion, "user_id": user.pk},
        status=422 if form.is_bound and form.errors else 200,
    )
