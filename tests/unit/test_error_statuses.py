"""Each typed error knows its HTTP status, so no route maps errors by hand."""
import pytest

from workshop.domain import errors
from workshop.realtime.guard import TooManyGuesses
from workshop.tokens import BadToken


@pytest.mark.parametrize("error, status", [
    (errors.DomainError, 400),
    (errors.InvalidInput, 400),
    (errors.NotFound, 404),
    (errors.Forbidden, 403),
    (errors.NotYourCard, 403),
    (errors.Conflict, 409),
    (errors.WrongPhase, 409),
    (errors.VoteClosed, 409),
    (errors.PollClosed, 409),
    (errors.NoDotsLeft, 409),
    (BadToken, 403),
    (TooManyGuesses, 429),
])
def test_an_error_answers_http_with_its_own_status(error, status):
    assert error("no").status == status
