"""Past workshops: archiving keeps its first date; deleting repeats the join code."""
import pytest

from workshop.domain import library
from workshop.domain.errors import InvalidInput


def test_archiving_stamps_the_time_it_happened():
    assert library.archived_at(True, None, now=100.0) == 100.0


def test_archiving_again_keeps_the_first_date():
    assert library.archived_at(True, 50.0, now=100.0) == 50.0


def test_restoring_clears_the_date():
    assert library.archived_at(False, 50.0, now=100.0) is None


@pytest.mark.parametrize("value", [None, "yes", 1, 0])
def test_archived_is_true_or_false(value):
    with pytest.raises(InvalidInput):
        library.archived_at(value, None, now=100.0)


def test_deleting_needs_the_join_code():
    library.confirm_deletion("ABC123", "ABC123")


@pytest.mark.parametrize("confirm", [None, "", "abc123", "XYZ999", True])
def test_deleting_without_the_exact_join_code_is_refused(confirm):
    with pytest.raises(InvalidInput):
        library.confirm_deletion(confirm, "ABC123")
