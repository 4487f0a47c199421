"""Share back's rules: which briefings exist, when a link stops opening, what a briefing never names."""
from __future__ import annotations

import pytest

from workshop.domain import briefings as rules


@pytest.mark.parametrize("revoked, expires, state", [
    (None, None, "open"), (None, 200.0, "open"), (None, 100.0, "expired"), (50.0, None, "revoked"),
    (50.0, 10.0, "revoked"),
])
def test_a_link_is_open_until_revoked_or_expired(revoked, expires, state):
    assert rules.share_state(revoked, expires, now=100.0) == state


def test_a_closed_link_is_refused_as_gone():
    with pytest.raises(rules.ShareClosed) as refused:
        rules.check_open(None, 99.0, now=100.0)
    assert refused.value.status == 410 and "expired" in refused.value.message


@pytest.mark.parametrize("kind, days", [("bulletin", None), ("organisation", 0), ("organisation", 400),
                                        ("organisation", True), ("leadership", "7")])
def test_a_bad_share_is_refused(kind, days):
    with pytest.raises(rules.InvalidInput):
        rules.new_share(kind, days, now=0.0)


def test_a_share_expires_the_days_asked_after_it_was_made():
    assert rules.new_share("leadership", 2, now=1000.0).expires_at == 1000.0 + 2 * 86400
    assert rules.new_share("organisation", None, now=1000.0).expires_at is None


def test_sticking_points_lose_who_raised_them():
    named = [{"level": 2, "reason": "Too soon", "name": "Ann"}, {"level": 1, "reason": ""}]
    assert rules.nameless_sticking(named) == [{"level": 2, "reason": "Too soon"}, {"level": 1, "reason": ""}]


def test_what_you_told_us_ranks_themes_by_people_counting_a_theme_carried_twice_once():
    items = [{"title": "Fewer meetings", "people": 1, "sessions": 1, "groups": 1},
             {"title": "Customer demos", "people": 3, "sessions": 2, "groups": 2},
             {"title": "customer demos", "people": 2, "sessions": 1, "groups": 1},  # carried on to the offsite
             {"title": "", "people": 9, "sessions": 1, "groups": 1}]  # loose cards: no theme
    assert [(t["title"], t["people"]) for t in rules.top_themes(items)] == [("Customer demos", 3),
                                                                           ("Fewer meetings", 1)]
    assert len(rules.top_themes(items, limit=1)) == 1
