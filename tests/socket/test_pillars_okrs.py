"""Pillars and OKRs at the socket: snippets merged live, pillars from clusters,
a poll per pillar, OKR drafts that stay in their pillar team's room, and every
bad input answered with its own error."""
from __future__ import annotations

import pytest

from tests.conftest import new_id


class Offsite:
    """Four people in two groups wrote a card each; the facilitator clustered them
    into two clusters; a pillars step (on that cluster step) and an OKRs step in
    pillar teams follow."""

    def __init__(self, make_workshop, facilitator_of, join):
        self.workshop = make_workshop(group_size=2, blind_writing=False)
        self.facilitator = facilitator_of(self.workshop)
        self.people = [join(self.workshop, name) for name in ("Ann", "Bob", "Cy", "Dee")]
        self.groups: dict[str, list] = {}
        for person in self.people:
            self.groups.setdefault(person.group_id, []).append(person)
        steps = self.facilitator.ack["state"]["agenda"]["steps"]
        self.cluster_step = next(s for s in steps if s["kind"] == "cluster")
        self.pillars_step, self.okrs_step = new_id(), new_id()
        at = steps.index(self.cluster_step) + 1
        assert self.facilitator.call("agenda:add", {"id": self.pillars_step, "kind": "pillars", "position": at,
                                                    "works_on": self.cluster_step["id"]})["ok"]
        assert self.facilitator.call("agenda:add", {"id": self.okrs_step, "kind": "okrs", "position": at + 1,
                                                    "works_on": self.pillars_step,
                                                    "settings": {"scope": "groups"}})["ok"]
        self.go(next(s for s in steps if s["kind"] == "collect")["id"])
        cards = [p.add_card(text)["card"]["id"] for p, text in
                 zip(self.people, ["Zero distractions", "Customer obsession", "Hire the best", "Grow leaders"])]
        self.go(self.cluster_step["id"])
        for name, members in (("Enable our people", cards[:1] + cards[2:]), ("Customers first", cards[1:2])):
            ack = self.facilitator.call("cluster:create", {"id": new_id(), "name": name, "card_ids": members})
            assert ack["ok"], ack
        self.go(self.pillars_step)
        self.heard()

    def go(self, step_id: str) -> None:
        ack = self.facilitator.call("agenda:go", {"step_id": step_id})
        assert ack["ok"], ack

    def heard(self) -> None:
        for person in [self.facilitator, *self.people]:
            person.received()

    def add_pillar(self, name: str, description: str = "") -> dict:
        ack = self.facilitator.call("pillar:add", {"id": new_id(), "name": name, "description": description})
        assert ack["ok"], ack
        return ack["pillar"]


@pytest.fixture
def offsite(make_workshop, facilitator_of, join):
    return Offsite(make_workshop, facilitator_of, join)


KR = {"statement": "Fewer interruptions", "metric": "Focus hours a week", "unit": "h", "baseline": 10,
      "target": 20, "due": "2099-06-30", "owner": "Ann"}


def objective(pillar_id: str, krs: int = 2, **changes) -> dict:
    return {"id": new_id(), "pillar_id": pillar_id, "text": "Remarkable focus", "horizon": "6m",
            "key_results": [{**KR, "id": new_id()} for _ in range(krs)], **changes}


# -- pillars and snippets ----------------------------------------------------------

def test_clusters_become_pillars_in_one_action_keeping_their_links(offsite):
    ack = offsite.facilitator.call("pillar:from_clusters", {})
    assert ack["ok"], ack
    names = [p["name"] for p in ack["pillars"]]
    assert names == ["Enable our people", "Customers first"]
    enable = ack["pillars"][0]
    assert {link["kind"] for link in enable["links"]} == {"cluster", "card"}
    assert sum(link["kind"] == "card" for link in enable["links"]) == 3
    (heard,) = offsite.people[0].received("pillars:changed")
    assert [p["name"] for p in heard["pillars"]] == names
    again = offsite.facilitator.call("pillar:from_clusters", {})
    assert [p["id"] for p in again["pillars"]] == [p["id"] for p in ack["pillars"]]  # made once


def test_the_facilitator_unlinks_a_card_a_pillar_did_not_come_from(offsite):
    enable = offsite.facilitator.call("pillar:from_clusters", {})["pillars"][0]
    card = next(link for link in enable["links"] if link["kind"] == "card")
    offsite.heard()
    ack = offsite.facilitator.call("pillar:unlink", {"pillar_id": enable["id"], **{"kind": "card",
                                                                                  "source_id": card["id"]}})
    assert ack["ok"], ack
    assert card not in ack["pillar"]["links"] and len(ack["pillar"]["links"]) == len(enable["links"]) - 1
    (heard,) = offsite.people[0].received("pillars:changed")
    assert card not in heard["pillars"][0]["links"]
    retry = offsite.facilitator.call("pillar:unlink", {"pillar_id": enable["id"], "kind": "card",
                                                       "source_id": card["id"]})
    assert retry["ok"] and retry["pillar"]["links"] == ack["pillar"]["links"]
    state = offsite.people[1].call("sync", {})["state"]
    assert card not in state["pillars"][0]["links"]


@pytest.mark.parametrize("change, code", [
    ({"kind": "topic"}, "invalid"), ({"pillar_id": new_id()}, "not_found"), ({"source_id": "nope"}, "invalid"),
])
def test_a_bad_unlink_gets_its_error(offsite, change, code):
    pillar = offsite.add_pillar("People")
    ack = offsite.facilitator.call("pillar:unlink", {"pillar_id": pillar["id"], "kind": "card",
                                                     "source_id": new_id(), **change})
    assert ack["error"]["code"] == code


def test_pillars_are_unlinked_only_while_their_step_runs(offsite):
    enable = offsite.facilitator.call("pillar:from_clusters", {})["pillars"][0]
    offsite.go(offsite.okrs_step)
    link = enable["links"][0]
    ack = offsite.facilitator.call("pillar:unlink", {"pillar_id": enable["id"], **{"kind": link["kind"],
                                                                                  "source_id": link["id"]}})
    assert ack["error"]["code"] == "wrong_phase"


def test_snippets_are_merged_whatever_their_case_and_spacing_and_counted(offsite):
    pillar = offsite.add_pillar("Enable our people")
    ann, bob = offsite.people[:2]
    first = ann.call("snippet:add", {"id": new_id(), "pillar_id": pillar["id"], "text": "Zero distractions"})
    second = bob.call("snippet:add", {"id": new_id(), "pillar_id": pillar["id"], "text": "  zero   DISTRACTIONS "})
    assert first["ok"] and second["ok"], (first, second)
    assert second["snippet"] == {"id": first["snippet"]["id"], "text": "Zero distractions", "count": 2}
    heard = offsite.people[3].received("snippet:added")
    assert [h["snippet"]["count"] for h in heard] == [1, 2]
    assert "Ann" not in str(heard) and ann.id not in str(heard)


def test_a_retried_snippet_counts_once(offsite):
    pillar = offsite.add_pillar("Enable our people")
    add = {"id": new_id(), "pillar_id": pillar["id"], "text": "Customer obsession"}
    first, retry = offsite.people[0].call("snippet:add", add), offsite.people[0].call("snippet:add", add)
    assert retry["snippet"] == first["snippet"] == {**first["snippet"], "count": 1}
    assert len(offsite.facilitator.received("snippet:added")) == 1


def test_the_facilitator_removes_a_snippet_for_everyone(offsite):
    pillar = offsite.add_pillar("Enable our people")
    added = offsite.people[0].call("snippet:add", {"id": new_id(), "pillar_id": pillar["id"], "text": "Rude joke"})
    ack = offsite.facilitator.call("snippet:remove", {"snippet_id": added["snippet"]["id"]})
    assert ack == {"ok": True, "pillar_id": pillar["id"], "snippet_id": added["snippet"]["id"]}
    assert offsite.people[1].received("snippet:removed")
    state = offsite.people[1].call("sync", {})["state"]
    assert state["pillars"][0]["snippets"] == []


def test_a_seventh_pillar_is_refused(offsite):
    for n in range(6):
        offsite.add_pillar(f"Pillar {n}")
    ack = offsite.facilitator.call("pillar:add", {"id": new_id(), "name": "One too many"})
    assert ack["error"]["code"] == "too_many_pillars"


def test_each_pillar_is_committed_by_its_own_poll(offsite):
    pillars = [offsite.add_pillar(name, "Why it matters") for name in ("People", "Customers", "Scale")]
    poll_id = new_id()
    ack = offsite.facilitator.call("pillar:poll", {"pillar_id": pillars[0]["id"], "poll_id": poll_id})
    assert ack["ok"], ack
    assert ack["pillar"]["poll_id"] == poll_id and "People" in ack["poll"]["rounds"][0]["proposal"]
    round_id = ack["poll"]["rounds"][0]["id"]
    for person in offsite.people:
        assert person.call("poll:answer", {"round_id": round_id, "level": 90})["ok"]
    closed = offsite.facilitator.call("poll:close", {"round_id": round_id})
    assert closed["poll"]["committed"]
    retry = offsite.facilitator.call("pillar:poll", {"pillar_id": pillars[0]["id"], "poll_id": poll_id})
    assert retry["ok"] and retry["poll"]["id"] == poll_id


def test_a_poll_needs_three_pillars(offsite):
    pillar = offsite.add_pillar("Only one")
    ack = offsite.facilitator.call("pillar:poll", {"pillar_id": pillar["id"], "poll_id": new_id()})
    assert ack["error"]["code"] == "too_few_pillars"


@pytest.mark.parametrize("text, code", [
    ("x" * 61, "snippet_too_long"), ("   ", "invalid"), (42, "invalid"),
])
def test_a_bad_snippet_gets_its_error(offsite, text, code):
    pillar = offsite.add_pillar("People")
    ack = offsite.people[0].call("snippet:add", {"id": new_id(), "pillar_id": pillar["id"], "text": text})
    assert ack["error"]["code"] == code
    assert offsite.facilitator.received("snippet:added") == []


@pytest.mark.parametrize("payload, code", [
    ({"id": new_id(), "name": ""}, "invalid"),
    ({"id": new_id(), "name": "x" * 81}, "invalid"),
    ({"id": "not-a-uuid", "name": "People"}, "invalid"),
    ({"id": new_id(), "name": "People", "description": "x" * 601}, "invalid"),
])
def test_a_bad_pillar_gets_its_error(offsite, payload, code):
    assert offsite.facilitator.call("pillar:add", payload)["error"]["code"] == code


def test_snippets_of_an_unknown_pillar_or_outside_the_step_are_refused(offsite):
    pillar = offsite.add_pillar("People")
    ack = offsite.people[0].call("snippet:add", {"id": new_id(), "pillar_id": new_id(), "text": "x"})
    assert ack["error"]["code"] == "not_found"
    offsite.go(offsite.okrs_step)
    ack = offsite.people[0].call("snippet:add", {"id": new_id(), "pillar_id": pillar["id"], "text": "late"})
    assert ack["error"]["code"] == "wrong_phase"


# Every event only the facilitator may send, written here rather than read from the code.
FACILITATOR_ONLY = ["pillar:add", "pillar:edit", "pillar:remove", "pillar:from_clusters", "pillar:link",
                    "pillar:unlink", "pillar:poll", "snippet:remove", "okr:accept", "okr:send_back", "okr:assign"]


@pytest.mark.parametrize("event", FACILITATOR_ONLY)
def test_participants_cannot_send_facilitator_events(offsite, event):
    payload = {"id": new_id(), "name": "Mine", "pillar_id": new_id(), "poll_id": new_id(), "kind": "card",
               "source_id": new_id(), "snippet_id": new_id(), "objective_id": new_id(), "group_id": new_id()}
    assert offsite.people[0].call(event, payload)["error"]["code"] == "forbidden"


# -- OKRs in pillar teams --------------------------------------------------------------

@pytest.fixture
def teams(offsite):
    """Two pillars (three for a whole set), each group the team of one; the OKRs step runs."""
    pillars = [offsite.add_pillar(name) for name in ("People", "Customers", "Scale")]
    offsite.go(offsite.okrs_step)
    for group_id, pillar in zip(offsite.groups, pillars):
        assert offsite.facilitator.call("okr:assign", {"group_id": group_id, "pillar_id": pillar["id"]})["ok"]
    offsite.heard()
    return pillars


def test_a_draft_stays_in_its_pillar_teams_room(offsite, teams):
    (first, mate), (other, _) = offsite.groups.values()
    ack = first.call("okr:save", objective(teams[0]["id"]))
    assert ack["ok"], ack
    assert [e["objective"]["text"] for e in mate.received("okr:changed")] == ["Remarkable focus"]
    assert offsite.facilitator.received("okr:changed")
    assert other.received("okr:changed") == []
    assert other.call("sync", {})["state"]["okrs"]["objectives"] == []
    assert len(mate.call("sync", {})["state"]["okrs"]["objectives"]) == 1


def test_a_presented_objective_reaches_the_room_and_the_facilitator_accepts_it(offsite, teams):
    (first, _), (other, _) = offsite.groups.values()
    saved = first.call("okr:save", objective(teams[0]["id"]))["objective"]
    presented = first.call("okr:present", {"objective_id": saved["id"]})
    assert presented["objective"]["state"] == "presented"
    assert other.received("okr:changed")[-1]["objective"]["id"] == saved["id"]
    assert first.call("okr:save", {**objective(teams[0]["id"]), "id": saved["id"]})["error"]["code"] == \
        "objective_locked"
    accepted = offsite.facilitator.call("okr:accept", {"objective_id": saved["id"]})
    assert accepted["objective"]["state"] == "accepted"


def test_the_facilitator_sends_an_objective_back_with_a_note(offsite, teams):
    (first, _), _ = offsite.groups.values()
    saved = first.call("okr:save", objective(teams[0]["id"]))["objective"]
    first.call("okr:present", {"objective_id": saved["id"]})
    back = offsite.facilitator.call("okr:send_back", {"objective_id": saved["id"], "note": "Make it bolder"})
    assert back["objective"]["state"] == "sent_back" and back["objective"]["note"] == "Make it bolder"
    again = first.call("okr:save", {**objective(teams[0]["id"], text="Bolder focus"), "id": saved["id"]})
    assert again["objective"]["state"] == "draft"


def test_the_facilitator_edits_any_teams_presented_objective_and_the_room_sees_it(offsite, teams):
    (first, _), (other, _) = offsite.groups.values()
    saved = first.call("okr:save", objective(teams[0]["id"]))["objective"]
    first.call("okr:present", {"objective_id": saved["id"]})
    offsite.heard()
    krs = [{**kr, "target": 30} if n == 1 else kr for n, kr in enumerate(saved["key_results"])]
    edit = {"id": saved["id"], "pillar_id": teams[0]["id"], "text": "Remarkable focus, every day", "horizon": "1y",
            "key_results": krs}
    ack = offsite.facilitator.call("okr:save", edit)
    assert ack["ok"], ack
    assert ack["objective"]["state"] == "presented"  # still the team's to be accepted
    assert [kr["target"] for kr in ack["objective"]["key_results"]] == [20, 30]
    (heard,) = other.received("okr:changed")
    assert heard["objective"]["text"] == "Remarkable focus, every day"
    assert heard["objective"]["key_results"][1]["target"] == 30
    assert offsite.facilitator.call("okr:accept", {"objective_id": saved["id"]})["objective"]["state"] == "accepted"


def test_the_facilitator_edits_an_accepted_objective_without_reopening_it(offsite, teams):
    (first, _), _ = offsite.groups.values()
    saved = first.call("okr:save", objective(teams[0]["id"]))["objective"]
    first.call("okr:present", {"objective_id": saved["id"]})
    offsite.facilitator.call("okr:accept", {"objective_id": saved["id"]})
    ack = offsite.facilitator.call("okr:save", {**objective(teams[0]["id"], text="Sharper"), "id": saved["id"]})
    assert ack["objective"]["state"] == "accepted" and ack["objective"]["text"] == "Sharper"


@pytest.mark.parametrize("change, field", [
    ({"text": ""}, "text"),
    ({"horizon": "10y"}, "horizon"),
    ({"key_results": [{**KR, "id": new_id()}, {**KR, "id": new_id(), "target": "lots"}]}, "key_results.1.target"),
    ({"key_results": [{**KR, "id": new_id(), "target": 10}, {**KR, "id": new_id()}]}, "key_results.0.target"),
    ({"key_results": [{**KR, "id": new_id()}, {**KR, "id": new_id(), "due": "2020-01-01"}]}, "key_results.1.due"),
    ({"key_results": [{**KR, "id": new_id(), "owner": " "}, {**KR, "id": new_id()}]}, "key_results.0.owner"),
    ({"key_results": [{**KR, "id": new_id()}] * 6}, "key_results"),
])
def test_a_bad_edit_names_the_field_it_is_about(offsite, teams, change, field):
    (first, _), _ = offsite.groups.values()
    saved = first.call("okr:save", objective(teams[0]["id"]))["objective"]
    first.call("okr:present", {"objective_id": saved["id"]})
    ack = offsite.facilitator.call("okr:save", {**objective(teams[0]["id"]), "id": saved["id"], **change})
    assert ack["error"]["field"] == field, ack
    assert offsite.facilitator.call("sync", {})["state"]["okrs"]["objectives"][0]["text"] == "Remarkable focus"


def test_a_group_drafts_only_its_own_pillar(offsite, teams):
    (first, _), _ = offsite.groups.values()
    assert first.call("okr:save", objective(teams[1]["id"]))["error"]["code"] == "not_your_pillar"


def test_a_retried_save_keeps_one_objective(offsite, teams):
    (first, _), _ = offsite.groups.values()
    draft = objective(teams[0]["id"])
    assert first.call("okr:save", draft)["ok"] and first.call("okr:save", draft)["ok"]
    assert len(offsite.facilitator.call("sync", {})["state"]["okrs"]["objectives"]) == 1


@pytest.mark.parametrize("change, code", [
    ({"target": "lots"}, "target_not_number"),
    ({"target": True}, "target_not_number"),
    ({"baseline": "n/a"}, "baseline_not_number"),
    ({"target": 10}, "baseline_is_target"),
    ({"due": "2020-01-01"}, "due_date_in_past"),
    ({"due": "next spring"}, "bad_due_date"),
    ({"owner": ""}, "invalid"),
    ({"metric": ""}, "invalid"),
])
def test_a_bad_key_result_gets_its_error(offsite, teams, change, code):
    (first, _), _ = offsite.groups.values()
    draft = objective(teams[0]["id"])
    draft["key_results"][1] = {**draft["key_results"][1], **change}
    assert first.call("okr:save", draft)["error"]["code"] == code
    assert offsite.facilitator.received("okr:changed") == []


def test_a_bad_horizon_and_too_many_key_results_are_refused(offsite, teams):
    (first, _), _ = offsite.groups.values()
    assert first.call("okr:save", objective(teams[0]["id"], horizon="10y"))["error"]["code"] == "bad_horizon"
    assert first.call("okr:save", objective(teams[0]["id"], krs=6))["error"]["code"] == "key_result_count"


def test_an_objective_is_presented_with_two_to_five_key_results(offsite, teams):
    (first, _), _ = offsite.groups.values()
    saved = first.call("okr:save", objective(teams[0]["id"], krs=1))["objective"]
    assert first.call("okr:present", {"objective_id": saved["id"]})["error"]["code"] == "key_result_count"


@pytest.mark.parametrize("event, payload, code", [
    ("okr:present", {"objective_id": "new"}, "not_found"),
    ("okr:present", {"objective_id": "not a uuid"}, "not_found"),
    ("okr:accept", {"objective_id": "new"}, "not_found"),
    ("okr:accept", {"objective_id": "draft"}, "conflict"),
    ("okr:send_back", {"objective_id": "draft", "note": "Bolder"}, "conflict"),
    ("okr:send_back", {"objective_id": "presented", "note": "x" * 501}, "invalid"),
    ("okr:assign", {"group_id": "new", "pillar_id": "pillar"}, "not_found"),
    ("okr:assign", {"group_id": "group", "pillar_id": "new"}, "not_found"),
    ("okr:save", {"id": "draft", "pillar_id": "other pillar"}, "not_found"),
])
def test_every_bad_okr_input_gets_its_error(offsite, teams, event, payload, code):
    (first, _), _ = offsite.groups.values()
    draft = first.call("okr:save", objective(teams[0]["id"]))["objective"]
    shown = first.call("okr:save", objective(teams[0]["id"]))["objective"]
    first.call("okr:present", {"objective_id": shown["id"]})
    known = {"new": new_id(), "draft": draft["id"], "presented": shown["id"], "pillar": teams[0]["id"],
             "other pillar": teams[1]["id"], "group": first.group_id}
    sent = {k: known.get(v, v) if isinstance(v, str) else v for k, v in payload.items()}
    if event == "okr:save":
        sent = {**objective(teams[0]["id"]), **sent}
    offsite.heard()
    by = first if event in ("okr:present",) else offsite.facilitator
    ack = by.call(event, sent)
    assert ack["error"]["code"] == code, ack
    assert offsite.people[1].received("okr:changed") == [] and offsite.people[1].received("okr:teams") == []


def test_objectives_are_drafted_only_in_an_okrs_step(offsite):
    pillar = offsite.add_pillar("People")
    assert offsite.people[0].call("okr:save", objective(pillar["id"]))["error"]["code"] == "wrong_phase"


# -- strategy on a page ------------------------------------------------------------------

@pytest.fixture
def decided(offsite, teams):
    """Snippets on a pillar committed by its poll, and one accepted objective with two key results."""
    offsite.go(offsite.pillars_step)
    offsite.people[0].call("snippet:add", {"id": new_id(), "pillar_id": teams[0]["id"], "text": "Zero distractions"})
    poll = offsite.facilitator.call("pillar:poll", {"pillar_id": teams[0]["id"], "poll_id": new_id()})["poll"]
    for person in offsite.people:
        person.call("poll:answer", {"round_id": poll["rounds"][0]["id"], "level": 100})
    offsite.facilitator.call("poll:close", {"round_id": poll["rounds"][0]["id"]})
    offsite.go(offsite.okrs_step)
    (first, _), _ = offsite.groups.values()
    saved = first.call("okr:save", objective(teams[0]["id"]))["objective"]
    first.call("okr:present", {"objective_id": saved["id"]})
    offsite.facilitator.call("okr:accept", {"objective_id": saved["id"]})
    draft = first.call("okr:save", objective(teams[0]["id"], text="Secret draft"))
    assert draft["ok"]
    return offsite.workshop


def auth(workshop: dict) -> dict:
    return {"Authorization": f"Bearer {workshop['facilitator_key']}"}


def test_the_strategy_page_shows_pillars_snippets_okrs_and_the_committing_poll(decided, http):
    page = http.get(f"/strategy/{decided['id']}", headers=auth(decided))
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    for shown in ("Purpose", "Vision", "People", "Zero distractions", "committed", "Remarkable focus",
                  "Focus hours a week", "10 h → 20 h", "2099-06-30", "Ann", "round 1 commit"):
        assert shown in html, shown
    assert "Secret draft" not in html  # a draft is not the strategy


def test_the_strategy_page_needs_the_key(decided, http):
    page = http.get(f"/strategy/{decided['id']}")
    assert "Remarkable focus" not in page.get_data(as_text=True)


def test_the_summary_and_every_export_carry_the_strategy(decided, http):
    wid = decided["id"]
    summary = http.get(f"/api/workshops/{wid}/summary", headers=auth(decided)).json["summary"]
    people = summary["strategy"]["pillars"][0]
    assert people["committed"] and people["objectives"][0]["key_results"][0]["owner"] == "Ann"
    markdown = http.get(f"/api/workshops/{wid}/export/markdown", headers=auth(decided)).get_data(as_text=True)
    assert "## Strategy on a page" in markdown and "Focus hours a week" in markdown
    import io
    import zipfile
    csv = zipfile.ZipFile(io.BytesIO(http.get(f"/api/workshops/{wid}/export/csv", headers=auth(decided)).data))
    assert "Focus hours a week" in csv.read("key_results.csv").decode()
    assert "Zero distractions" in csv.read("pillars.csv").decode()
    dumped = http.get(f"/api/workshops/{wid}/export/json", headers=auth(decided)).json
    assert len(dumped["tables"]["key_results"]) == 4 and dumped["tables"]["snippet_adds"][0]["participant_id"] is None
    assert "Remarkable focus" in http.get(f"/summary/{wid}", headers=auth(decided)).get_data(as_text=True)
    assert "Remarkable focus" in http.get(f"/report/{wid}", headers=auth(decided)).get_data(as_text=True)
