"""The discussion: topics, their time-box, Elmos, notes and actions, and the clock.

"People present" (the Elmo threshold, a poll's quorum) are the participants
connected now (known here at the edge, and passed into the store) who are here
in the running step (domain/attendance.py).
"""
from __future__ import annotations

import time
from typing import Any

from ..shapes import bounded, client_id, shape
from ..store import notes, topic_plan, topics
from .area import ANYONE, FACILITATOR, MEMBER, PARTICIPANT, Area, Handler
from .edge import Edge, ok
from .presence import Seat

area = Area()


@shape
class SaveTopic:
    id: str = client_id()
    title: str = bounded(1000)
    cluster_id: str | None = client_id(default=None)
    planned: int | None = None
    position: int | None = None
    fixed: bool | None = None  # false: the time plan shares this topic's time again


@shape
class TopicRef:
    topic_id: str = client_id()


@shape
class DeleteTopic:
    id: str = client_id()


@shape
class TimerLength:
    topic_id: str = client_id()
    seconds: int | None = None


@shape
class Threshold:
    topic_id: str = client_id()
    threshold: int | None = None  # None: half of those present


@shape
class EditNotes:
    topic_id: str = client_id()
    notes: dict


@shape
class SaveAction:
    id: str = client_id()
    topic_id: str = client_id()
    text: str = bounded(2000)
    owner: str = bounded(400)
    due: str | None = bounded(40, default=None)
    done: bool = False


@shape
class FromRanking:
    count: int
    planned: int | None = None


@shape
class DeleteAction:
    id: str = client_id()


@area.on("time", who=ANYONE)
def server_time(_edge: Edge, _seat: None, _msg: None) -> dict:
    return ok(server_time=time.time())


@area.on("topic:save", SaveTopic, who=FACILITATOR)
def save_topic(edge: Edge, seat: Seat, msg: SaveTopic) -> dict:
    return ok(topic=edge.change_in(seat, topics.save, msg.id, msg.title, msg.cluster_id, msg.planned, msg.position,
                                   msg.fixed))


@area.on("topics:accept_plan", who=FACILITATOR)
def accept_plan(edge: Edge, seat: Seat, _msg: None) -> dict:
    return ok(**edge.change_in(seat, topic_plan.accept))


@area.on("topics:replan", who=FACILITATOR)
def replan(edge: Edge, seat: Seat, _msg: None) -> dict:
    return ok(plan=edge.change_in(seat, topic_plan.replan))


@area.on("topics:from_ranking", FromRanking, who=FACILITATOR)
def topics_from_ranking(edge: Edge, seat: Seat, msg: FromRanking) -> dict:
    return ok(topics=edge.change_in(seat, topics.discuss_top, msg.count, msg.planned))


@area.on("topic:delete", DeleteTopic, who=FACILITATOR)
def delete_topic(edge: Edge, seat: Seat, msg: DeleteTopic) -> dict:
    return ok(topic_id=edge.change_in(seat, topics.delete, msg.id))


@area.on("topic:open", TopicRef, who=FACILITATOR)
def open_topic(edge: Edge, seat: Seat, msg: TopicRef) -> dict:
    topic = edge.change_in(seat, topics.open_topic, msg.topic_id, edge.connected(seat))
    return ok(topic=topic, server_time=time.time())


def timer_event(action: str) -> Handler:
    def change_timer(edge: Edge, seat: Seat, msg: Any) -> dict:
        timer = edge.change_in(seat, topics.change_timer, msg.topic_id, action, getattr(msg, "seconds", None))
        return ok(timer=timer, server_time=time.time())
    change_timer.__name__ = f"timer_{action}"
    return change_timer


for _action, _shape in (("start", TimerLength), ("pause", TopicRef), ("resume", TopicRef),
                        ("add", TimerLength), ("stop", TopicRef)):
    area.on(f"timer:{_action}", _shape, who=FACILITATOR)(timer_event(_action))


@area.on("elmo:throw", TopicRef, who=PARTICIPANT)
def throw_elmo(edge: Edge, seat: Seat, msg: TopicRef) -> dict:
    return ok(elmo=edge.change_by(seat, topics.throw_elmo, msg.topic_id, edge.connected(seat)))


@area.on("elmo:withdraw", TopicRef, who=PARTICIPANT)
def withdraw_elmo(edge: Edge, seat: Seat, msg: TopicRef) -> dict:
    return ok(elmo=edge.change_by(seat, topics.withdraw_elmo, msg.topic_id, edge.connected(seat)))


@area.on("elmo:threshold", Threshold, who=FACILITATOR)
def set_threshold(edge: Edge, seat: Seat, msg: Threshold) -> dict:
    return ok(elmo=edge.change_in(seat, topics.set_threshold, msg.topic_id, msg.threshold, edge.connected(seat)))


# Notes and actions: participants too, when the workshop lets them (the store asks the domain).

@area.on("notes:edit", EditNotes, who=MEMBER)
def edit_notes(edge: Edge, seat: Seat, msg: EditNotes) -> dict:
    return ok(notes=edge.change_in(seat, notes.edit_notes, msg.topic_id, msg.notes, facilitator=seat.facilitator))


@area.on("action:save", SaveAction, who=MEMBER)
def save_action(edge: Edge, seat: Seat, msg: SaveAction) -> dict:
    return ok(action=edge.change_in(seat, notes.save_action, msg.topic_id, msg.id, msg.text, msg.owner, msg.due,
                                    msg.done, facilitator=seat.facilitator))


@area.on("action:delete", DeleteAction, who=MEMBER)
def delete_action(edge: Edge, seat: Seat, msg: DeleteAction) -> dict:
    return ok(action_id=edge.change_in(seat, notes.delete_action, msg.id, facilitator=seat.facilitator))
