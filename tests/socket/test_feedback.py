"""Closing feedback: participants rate the workshop during Summary; facilitators see figures, not names."""
import pytest


@pytest.fixture
def closing(collecting, join):
    workshop, facilitator = collecting()
    ann, bo = join(workshop, "Ann"), join(workshop, "Bo")
    assert facilitator.call("phase:set", {"phase": "summary"})["ok"]
    for person in (facilitator, ann, bo):
        person.received()
    return workshop, facilitator, ann, bo


def test_participant_rates_the_workshop_and_facilitators_see_the_figures(closing):
    _, facilitator, ann, _ = closing
    ack = ann.call("feedback:give", {"score": 9, "worked": "Small groups", "did_not_work": "Too short"})
    assert ack == {"ok": True, "feedback": {"score": 9, "worked": "Small groups", "did_not_work": "Too short"}}
    (given,) = facilitator.received("feedback:given")
    assert given["feedback"]["responses"] == 1 and given["feedback"]["nps"] == 100
    assert "Ann" not in str(given) and ann.id not in str(given)


def test_giving_feedback_again_replaces_the_earlier_answer(closing, http):
    workshop, facilitator, ann, bo = closing
    ann.call("feedback:give", {"score": 3})
    ann.call("feedback:give", {"score": 10})
    bo.call("feedback:give", {"score": 6})
    summary = http.get(f"/api/workshops/{workshop['id']}/summary",
                       headers={"Authorization": f"Bearer {workshop['facilitator_key']}"}).json["summary"]
    assert summary["analytics"]["feedback"]["responses"] == 2
    assert summary["analytics"]["feedback"]["nps"] == 0  # one promoter, one detractor
    assert summary["analytics"]["feedback"]["per_group"][0]["group"] == "Group 1"


def test_feedback_is_only_for_the_summary_phase(collecting, join):
    workshop, _ = collecting()
    ann = join(workshop, "Ann")
    ack = ann.call("feedback:give", {"score": 8})
    assert ack["error"]["code"] == "wrong_phase"


@pytest.mark.parametrize("payload", [{"score": 11}, {"score": "9"}, {}, {"score": 5, "worked": "x" * 300}])
def test_bad_feedback_is_refused_and_changes_nothing(closing, payload):
    _, facilitator, ann, _ = closing
    assert ann.call("feedback:give", payload)["error"]["code"] == "invalid"
    assert facilitator.received("feedback:given") == []


def test_facilitators_cannot_give_feedback(closing):
    _, facilitator, _, _ = closing
    assert facilitator.call("feedback:give", {"score": 9})["error"]["code"] == "forbidden"


def test_snapshot_holds_my_answer_and_the_facilitators_figures(closing, facilitator_of, join):
    workshop, _, ann, _ = closing
    ann.call("feedback:give", {"score": 7, "worked": "Elmo"})
    again = join(workshop, token=ann.ack["participant"]["token"], name=None)
    assert again.ack["state"]["my_feedback"] == {"score": 7, "worked": "Elmo", "did_not_work": ""}
    assert facilitator_of(workshop).ack["state"]["feedback"]["satisfaction"] == 7.0
