"""The room view on a 1920×1080 projector, step by step: what the back row reads,
what it never reads, and axe-core's check of every step."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .browser import expect_accessible
from .live import new_id

pytestmark = pytest.mark.browser
PROJECTOR = {"width": 1920, "height": 1080}
CONTEXT = "Imagine ten times the customers. What should we start, stop and continue?"


def smallest_text_px(page) -> float:
    """The smallest font size of any visible text on the page."""
    return page.evaluate("""() => {
      const sizes = [...document.querySelectorAll('body *')].filter((el) =>
        el.offsetParent !== null && [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()))
        .map((el) => parseFloat(getComputedStyle(el).fontSize));
      return Math.min(...sizes);
    }""")


def look(room) -> None:
    """What holds on the room view at every step."""
    expect(room.locator(".room-status")).to_be_hidden()
    assert smallest_text_px(room) >= 28
    expect(room.locator("#room-context")).to_have_text(CONTEXT)
    expect(room.locator("button:not(#room-full), input, select, textarea")).to_have_count(0)
    expect_accessible(room)


def with_room(server, clients, page_for, title: str, viewport: dict = PROJECTOR, **options):
    """A new workshop, its facilitator, and its room view open on a projector of this size."""
    workshop = server.create_workshop(title, context=CONTEXT, **options)
    facilitator = clients()
    assert facilitator.call("facilitate", {"workshop_id": workshop["id"], "key": workshop["facilitator_key"]})["ok"]
    room = page_for(viewport=viewport)
    room.goto(server.url + facilitator.call("room:link")["path"])
    assert workshop["facilitator_key"] not in room.url
    return workshop, facilitator, room


@pytest.fixture
def workshop_with_room(server, clients, page_for):
    return with_room(server, clients, page_for, "CX strategy", blind_writing=True, group_size=3)


def test_the_room_view_shows_each_step_to_the_back_row_and_never_a_blind_card(workshop_with_room, clients):
    workshop, facilitator, room = workshop_with_room
    expect(room.locator(".room-code")).to_have_text(f"{workshop['code'][:3]} {workshop['code'][3:]}")
    people = []
    for name in ("Ann", "Bo", "Cy"):
        person = clients()
        assert person.call("join", {"code": workshop["code"], "name": name})["ok"]
        people.append(person)
    # Newest first: whoever just joined finds their name at the top, however full the lobby.
    expect(room.locator(".room-names li")).to_have_text(["Cy", "Bo", "Ann"])
    look(room)

    assert facilitator.call("phase:set", {"phase": "collect"})["ok"]
    ids = [people[0].call("card:add", {"id": new_id(), "column": "start", "text": text})["card"]["id"]
           for text in ("Secret plan for Friday", "Weekly customer demo")]
    expect(room.locator(".room-tile .room-figure")).to_have_text("1 of 3 have written")
    expect(room.locator(".room-collect .room-timer")).to_have_text(re.compile(r"^(10:00|[0-9]:[0-5][0-9])$"))
    expect(room.locator(".room-tile")).to_contain_text("2 cards")
    expect(room.get_by_text("Secret plan")).to_have_count(0)
    look(room)

    assert facilitator.call("phase:set", {"phase": "cluster"})["ok"]
    # Clustering together, everyone reads every card: the room reads out each cluster's and the loose ones.
    cluster_id = facilitator.call("cluster:create", {"id": new_id(), "name": "Customers", "card_ids": ids[:1]})["cluster"]["id"]
    expect(room.get_by_role("list", name="Cards of Not clustered yet").get_by_role("listitem")).to_have_text(
        ["Weekly customer demo"])
    expect(room.locator(".room-cluster-head .room-figure")).to_have_text("1 of 2 cards in 1 cluster")
    assert facilitator.call("cluster:add", {"cluster_id": cluster_id, "card_ids": ids[1:]})["ok"]
    expect(room.get_by_role("list", name="Cards of Customers").get_by_role("listitem")).to_have_text(
        ["Secret plan for Friday", "Weekly customer demo"])
    expect(room.locator(".room-loose")).to_have_count(0)
    expect(room.locator(".room-cluster-head .room-timer")).to_be_visible()
    look(room)

    assert facilitator.call("phase:set", {"phase": "vote"})["ok"]
    vote = facilitator.call("vote:open", {"id": new_id()})["vote"]
    assert people[1].call("dot:place", {"id": new_id(), "item_id": vote["items"][0]["id"]})["ok"]
    expect(room.locator(".room-big")).to_have_text("1 of 3")
    look(room)
    assert facilitator.call("vote:close", {})["ok"]
    expect(room.locator(".room-ranking li")).to_have_count(1)
    expect(room.locator(".room-ranking li")).to_contain_text("Customers")
    look(room)

    assert facilitator.call("phase:set", {"phase": "discuss"})["ok"]
    topic = facilitator.call("topics:from_ranking", {"count": 1})["topics"][0]
    assert facilitator.call("topic:open", {"topic_id": topic["id"]})["ok"]
    assert facilitator.call("timer:start", {"topic_id": topic["id"], "seconds": 300})["ok"]
    expect(room.locator(".room-topic")).to_have_text("Customers")
    expect(room.locator(".room-timer")).to_have_text("5:00")
    expect(room.locator(".room-cards li")).to_have_count(2)
    assert facilitator.call("elmo:threshold", {"topic_id": topic["id"], "threshold": 2})["ok"]
    assert people[0].call("elmo:throw", {"topic_id": topic["id"]})["ok"]
    elmo = room.locator(".room-elmo")
    expect(elmo.locator(".room-figure")).to_have_text("Elmos: 1 of 2 needed to move on")
    expect(elmo.locator("p").last).to_have_text(re.compile(r"^Threshold: 2 of the \d here$"))
    for person in people[1:]:
        assert person.call("elmo:throw", {"topic_id": topic["id"]})["ok"]
    expect(elmo.locator(".room-figure")).to_have_text("Elmos: 3 (2 needed to move on)")  # never "3 of 2"
    expect(elmo.locator("p").last).to_have_text("Enough Elmos: time to move on?")
    look(room)

    assert facilitator.call("phase:set", {"phase": "decide"})["ok"]
    for person in people:  # "present" is who is here in this step: all three say so
        assert person.call("presence:confirm")["ok"]
    poll = facilitator.call("poll:open", {"id": new_id(), "proposal": "Demo monthly"})["poll"]
    round_id = poll["rounds"][-1]["id"]
    assert people[0].call("poll:answer", {"round_id": round_id, "level": 90})["ok"]
    expect(room.locator(".room-big")).to_have_text("1 of 3")
    look(room)
    assert facilitator.call("poll:close", {"round_id": round_id})["ok"]
    expect(room.locator(".room-verdict")).to_be_visible()
    look(room)

    assert facilitator.call("phase:set", {"phase": "summary"})["ok"]
    expect(room.locator(".room-figures")).to_contain_text("3 people")
    look(room)


def test_the_control_screen_opens_the_room_view_and_previews_it_live(server, clients, page_for):
    workshop = server.create_workshop("CX strategy", context=CONTEXT)
    control = page_for(viewport={"width": 1440, "height": 900})
    control.goto(workshop["control_url"])
    expect(control.locator("#status")).to_have_text("Live")
    with control.expect_popup() as opened:
        control.get_by_role("button", name="Open the room view").click()
    room = opened.value
    expect(room.locator(".room-code")).to_have_text(f"{workshop['code'][:3]} {workshop['code'][3:]}")
    assert "/room/" in room.url and workshop["facilitator_key"] not in room.url
    control.get_by_role("button", name="Room preview").click()
    preview = control.locator(".room-preview")
    expect(preview.locator(".room-code")).to_be_visible()
    # A fifth of the 1920×1080 screen, whatever the control screen's own size.
    expect(preview.locator(".room-screen")).to_have_css("font-size", "32px")
    ann = clients()
    assert ann.call("join", {"code": workshop["code"], "name": "Ann"})["ok"]
    expect(preview.locator(".room-names li")).to_have_text(["Ann"])
    expect(room.locator(".room-names li")).to_have_text(["Ann"])
    expect_accessible(control)
    assert control.errors == []


def test_the_room_view_shows_cards_only_when_the_facilitator_chooses(server, clients, page_for):
    workshop, facilitator, room = with_room(server, clients, page_for, "Cards shown", blind_writing=False)
    ann = clients()
    assert ann.call("join", {"code": workshop["code"], "name": "Ann"})["ok"]
    assert facilitator.call("phase:set", {"phase": "collect"})["ok"]
    assert ann.call("card:add", {"id": new_id(), "column": "start", "text": "Weekly customer demo"})["ok"]
    expect(room.locator(".room-tile")).to_contain_text("1 card")
    expect(room.get_by_text("Weekly customer demo")).to_have_count(0)
    assert facilitator.call("settings:change", {"settings": {"room_cards": True}})["ok"]
    expect(room.get_by_role("list", name="Group 1's cards").get_by_role("listitem")).to_have_text(["Weekly customer demo"])
    look(room)


def layout(page) -> dict:
    """Where the lobby's parts sit, as shares of the screen (so screens of any size compare)."""
    return page.evaluate("""() => {
      const box = (sel) => document.querySelector(sel).getBoundingClientRect();
      const [w, h] = [innerWidth, innerHeight];
      return {overflow_x: document.documentElement.scrollWidth > w, code_right: box('.room-code').right / w,
              qr_right: box('.room-qr').right / w, qr_bottom: box('.room-qr').bottom / h,
              foot_top: box('.room-foot').top / h, foot_bottom: box('.room-foot').bottom / h};
    }""")


@pytest.mark.parametrize("screen", [{"width": 1280, "height": 720}, {"width": 1280, "height": 800},
                                    {"width": 1024, "height": 768}])
def test_a_smaller_projector_shows_the_room_as_a_1920_screen_does_scaled_down(server, clients, page_for, screen):
    workshop, facilitator, big_room = with_room(server, clients, page_for, "CX strategy")
    small_room = page_for(viewport=screen)
    small_room.goto(server.url + facilitator.call("room:link")["path"])
    shown = {}
    for size, room in ((PROJECTOR, big_room), (screen, small_room)):
        expect(room.locator(".room-qr")).to_be_visible()
        shown[size["width"]] = layout(room)
    big, small = shown[1920], shown[screen["width"]]
    # The join code and its QR code stay whole on screen, above the foot with the join link.
    assert not small["overflow_x"] and small["code_right"] <= 1 and small["qr_right"] <= 1
    assert small["qr_bottom"] <= small["foot_top"] and small["foot_bottom"] <= 1
    # Across the width, the same layout: each part at the same share of the screen (to 2%).
    assert small["qr_right"] == pytest.approx(big["qr_right"], abs=0.02)


def test_with_several_groups_the_room_adds_up_their_writing(server, clients, page_for):
    workshop, facilitator, room = with_room(server, clients, page_for, "Many groups", group_size=2)
    people = []
    for name in ("Ann", "Bo", "Cy", "Di"):
        person = clients()
        assert person.call("join", {"code": workshop["code"], "name": name})["ok"]
        people.append(person)
    assert facilitator.call("phase:set", {"phase": "collect"})["ok"]
    for person, text in ((people[0], "Demo weekly"), (people[0], "Fewer meetings"), (people[3], "Shadow support")):
        assert person.call("card:add", {"id": new_id(), "column": "start", "text": text})["ok"]
    expect(room.locator(".room-tile")).to_have_count(2)
    expect(room.locator(".room-total")).to_have_text("2 of 4 have written · 3 cards")
    look(room)


LONGEST = "Every team hears customers first-hand, every week, in every office " * 5


def okrs_room(server, clients, page_for):
    """A room view in an OKRs step on three pillars (a third of the width each), and Ann to draft."""
    workshop, facilitator, room = with_room(server, clients, page_for, "Offsite", group_size=2)
    pillars_step, okrs_step = new_id(), new_id()
    assert facilitator.call("agenda:add", {"id": pillars_step, "kind": "pillars", "position": 1})["ok"]
    assert facilitator.call("agenda:add", {"id": okrs_step, "kind": "okrs", "position": 2, "works_on": pillars_step})["ok"]
    ann = clients()
    assert ann.call("join", {"code": workshop["code"], "name": "Ann"})["ok"]
    assert facilitator.call("agenda:go", {"step_id": pillars_step})["ok"]
    pillar, *_ = (facilitator.call("pillar:add", {"id": new_id(), "name": name, "description": ""})["pillar"]
                  for name in ("Enable our people", "Customers first", "Scale smart"))
    assert facilitator.call("agenda:go", {"step_id": okrs_step})["ok"]
    return facilitator, ann, room, pillar


def present(ann, pillar: dict, text: str, results: int, result_length: int) -> str:
    objective = ann.call("okr:save", {"id": new_id(), "pillar_id": pillar["id"], "text": text, "horizon": "1y",
                                      "key_results": [
        {"id": new_id(), "statement": LONGEST[:result_length].strip(), "metric": "Demos", "unit": "", "baseline": n,
         "target": n + 4, "due": "2099-06-30", "owner": "Ann"} for n in range(results)]})
    assert objective["ok"], objective
    assert ann.call("okr:present", {"objective_id": objective["objective"]["id"]})["ok"]
    return objective["objective"]["id"]


def test_an_objective_with_five_long_key_results_stays_above_the_rooms_foot(server, clients, page_for):
    facilitator, ann, room, pillar = okrs_room(server, clients, page_for)
    present(ann, pillar, LONGEST[:300].strip(), 5, 200)
    results = room.locator(".room-krs li")
    expect(results).to_have_count(5)
    # The longest objective the rules allow, with its five longest key results, is cut short line by
    # line, so all five still read above the join link; the whole text is on everyone's own screen.
    foot_top = room.locator(".room-foot").bounding_box()["y"]
    move = results.last.locator(".room-kr-move")
    expect(move).to_have_text("4 → 8 · Ann")
    shown = move.bounding_box()
    assert shown["y"] + shown["height"] <= foot_top, "the last key result's figures read above the join link"
    tile, text = (room.locator(where).first.bounding_box() for where in (".room-pillars .room-tile", ".room-kr-text"))
    assert text["x"] + text["width"] <= tile["x"] + tile["width"], "a long key result is cut within its pillar"
    look(room)


def below_the_foot(room, locator) -> list[str]:
    foot_top = room.locator(".room-foot").bounding_box()["y"]
    return [item.inner_text() for item in locator.all() if sum(item.bounding_box()[k] for k in ("y", "height")) > foot_top]


def test_a_pillars_objectives_fold_so_the_one_under_review_reads_whole(server, clients, page_for):
    facilitator, ann, room, pillar = okrs_room(server, clients, page_for)
    ids = [present(ann, pillar, f"Objective {n}: {LONGEST[:70].strip()}", 3, 60) for n in (1, 2, 3)]
    expect(room.locator(".room-objective")).to_have_count(3)
    whole = room.locator(".room-objective:not(.folded)")
    expect(whole).to_have_count(1)
    expect(whole.locator(".room-objective-text")).to_contain_text("Objective 3")
    expect(whole.locator(".room-kr-move")).to_have_text(["0 → 4 · Ann", "1 → 5 · Ann", "2 → 6 · Ann"])
    # The older two read as a title and "3 key results" each, or, where even that is too tall,
    # are counted beside the pillar's name; nothing the room sees runs under the join link.
    folded = room.locator(".room-objective.folded:visible")
    more = room.locator(".room-more-objectives")
    counted = int(more.inner_text().split()[0]) if more.count() else 0
    assert folded.count() + counted == 2
    expect(folded.locator(".room-kr-count")).to_have_text(["3 key results"] * folded.count())
    assert below_the_foot(room, room.locator(".room-objective-text:visible, .room-kr-move:visible, .room-kr-count:visible")) == []
    # Accepted objectives fold first: once the third is accepted, the second is the one read whole.
    assert facilitator.call("okr:accept", {"objective_id": ids[2]})["ok"]
    expect(whole.locator(".room-objective-text")).to_contain_text("Objective 2")
    expect(room.locator(".room-objective[data-state=accepted]")).to_have_class(re.compile(r"\bfolded\b"))
    expect_accessible(room)
    look(room)


def test_the_longest_objectives_make_way_for_the_newest_and_are_counted(server, clients, page_for):
    facilitator, ann, room, pillar = okrs_room(server, clients, page_for)
    for n in (1, 2, 3):
        present(ann, pillar, f"{n} {LONGEST[:290].strip()}", 5, 200)
    expect(room.locator(".room-more-objectives")).to_have_text("2 more objectives")
    whole = room.locator(".room-objective:visible")
    expect(whole).to_have_count(1)
    expect(whole.locator(".room-objective-text")).to_contain_text("3 Every team")
    expect(whole.locator(".room-kr-move")).to_have_count(5)
    assert below_the_foot(room, whole.locator(".room-kr-move")) == [], "the newest objective's figures read above the join link"
    look(room)
