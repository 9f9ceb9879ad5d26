"""Questions and answers: every vendor taking part reads every answer, never who asked."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from companies.models import User
from config.errors import Conflict
from config.policies import refuse_unless
from marketplace.events.models import Event
from marketplace.models import OutsourcingRequest

from ..models import Question
from ..policies import can_answer_question
from ..selectors import participating_vendors, vendor_may_take_part
from .base import ensure, ensure_published, move, record, required_text, vendor_acting
from .invitations import locked


@transaction.atomic
def question_ask(*, actor: User, outsourcing_request: OutsourcingRequest, text: str) -> Question:
    """A vendor taking part asks before questions close."""
    vendor = vendor_acting(actor=actor)
    ensure(
        vendor_may_take_part(vendor=vendor, outsourcing_request=outsourcing_request),
        _("Only vendors taking part in this request can ask about it."),
        code="not_taking_part",
    )
    text = required_text(text, field="text", message=_("Write your question."))
    outsourcing_request = locked(outsourcing_request)
    ensure_published(outsourcing_request)
    if not outsourcing_request.accepts_questions(now=timezone.now()):
        raise Conflict(_("Questions on this request are closed."), code="questions_closed")
    question = Question(request=outsourcing_request, vendor=vendor, asked_by=actor, text=text)
    question.full_clean()
    question.save()
    record(
        Event.Kind.QUESTION_ASKED,
        actor=actor,
        outsourcing_request=outsourcing_request,
        vendors=[vendor],
        question=question,
    )
    return question


@transaction.atomic
def question_answer(*, actor: User, question: Question, text: str) -> Question:
    """The company answers once; every vendor taking part is told."""
    refuse_unless(can_answer_question, user=actor, obj=question)
    answer = required_text(text, field="text", message=_("Write the answer."))
    outsourcing_request = locked(question.request)
    question = Question.objects.select_for_update().get(pk=question.pk)
    ensure_published(outsourcing_request)
    move(
        question,
        Question.Status.ANSWERED,
        code="question_answered",
        message=_("This question is already answered."),
    )
    question.answer = answer
    question.answered_by = actor
    question.answered_at = timezone.now()
    question.full_clean()
    question.save()
    record(
        Event.Kind.QUESTION_ANSWERED,
        actor=actor,
        outsourcing_request=outsourcing_request,
        vendors=participating_vendors(outsourcing_request=outsourcing_request),
        question=question,
    )
    return question
