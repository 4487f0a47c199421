"""The discussion: topics, their time-box, Elmos, notes and actions, and the clock.

"People present" (the Elmo threshold, a poll's quorum) is the number of
participants connected now, counted here at the edge and passed into the store.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

from ..store import notes, topics
from .edge import ANYONE, FACILITATOR, MEMBER, PARTICIPANT, Edge, ok
from .presence import Seat

ID = {"max": 64}


@dataclass
class SaveTopic:
    id: str = field(metadata=ID)
    title: str = field(metadata={"max": 1000})
    cluster_id: str | None = field(default=None, metadata=ID)
    planned: int | None = None
    position: int | None = None


@dataclass
class TopicRef:
    topic_id: str = field(metadata=ID)


@dataclass
class DeleteTopic:
    id: str = field(metadata=ID)


@dataclass
class TimerLength:
    topic_id: str = field(metadata=ID)
    seconds: int | None = None


@dataclass
class Threshold:
    topic_id: str = field(metadata=ID)
    threshold: int | None = None  # None: half of those present


@dataclass
class EditNotes:
    topic_id: str = field(metadata=ID)
    notes: dict


@dataclass
class SaveAction:
    id: str = field(metadata=ID)
    topic_id: str = field(metadata=ID)
    text: str = field(metadata={"max": 2000})
    owner: str = field(metadata={"max": 400})
    due: str | None = field(default=None, metadata={"max": 40})
    done: bool = False


@dataclass
class FromRanking:
    count: int
    planned: int | None = None


@dataclass
class DeleteAction:
    id: str = field(metadata=ID)


def register(edge: Edge) -> None:
    def present(seat: Seat) -> int:
        return edge.presence.present(seat.workshop_id)

    @edge.on("time", who=ANYONE)
    def server_time(_seat, _msg) -> dict:
        return ok(server_time=time.time())

    @edge.on("topic:save", SaveTopic, who=FACILITATOR)
    def save_topic(seat: Seat, msg: SaveTopic) -> dict:
        return ok(topic=edge.change(lambda tx: topics.save(
            tx, edge.workshop(tx, seat), msg.id, msg.title, msg.cluster_id, msg.planned, msg.position)))

    @edge.on("topics:from_ranking", FromRanking, who=FACILITATOR)
    def topics_from_ranking(seat: Seat, msg: FromRanking) -> dict:
        return ok(topics=edge.change(lambda tx: topics.discuss_top(tx, edge.workshop(tx, seat), msg.count, msg.planned)))

    @edge.on("topic:delete", DeleteTopic, who=FACILITATOR)
    def delete_topic(seat: Seat, msg: DeleteTopic) -> dict:
        return ok(topic_id=edge.change(lambda tx: topics.delete(tx, edge.workshop(tx, seat), msg.id)))

    @edge.on("topic:open", TopicRef, who=FACILITATOR)
    def open_topic(seat: Seat, msg: TopicRef) -> dict:
        return ok(topic=edge.change(lambda tx: topics.open_topic(
            tx, edge.workshop(tx, seat), msg.topic_id, present(seat))), server_time=time.time())

    def timer_event(action: str, shape: type) -> None:
        def change_timer(seat: Seat, msg) -> dict:
            timer = edge.change(lambda tx: topics.change_timer(
                tx, edge.workshop(tx, seat), msg.topic_id, action, getattr(msg, "seconds", None)))
            return ok(timer=timer, server_time=time.time())
        change_timer.__name__ = f"timer_{action}"
        edge.on(f"timer:{action}", shape, who=FACILITATOR)(change_timer)

    for action, shape in (("start", TimerLength), ("pause", TopicRef), ("resume", TopicRef),
                          ("add", TimerLength), ("stop", TopicRef)):
        timer_event(action, shape)

    @edge.on("elmo:throw", TopicRef, who=PARTICIPANT)
    def throw_elmo(seat: Seat, msg: TopicRef) -> dict:
        return ok(elmo=edge.change(lambda tx: topics.throw_elmo(
            tx, edge.workshop(tx, seat), edge.person(tx, seat), msg.topic_id, present(seat))))

    @edge.on("elmo:withdraw", TopicRef, who=PARTICIPANT)
    def withdraw_elmo(seat: Seat, msg: TopicRef) -> dict:
        return ok(elmo=edge.change(lambda tx: topics.withdraw_elmo(
            tx, edge.workshop(tx, seat), edge.person(tx, seat), msg.topic_id, present(seat))))

    @edge.on("elmo:threshold", Threshold, who=FACILITATOR)
    def set_threshold(seat: Seat, msg: Threshold) -> dict:
        return ok(elmo=edge.change(lambda tx: topics.set_threshold(
            tx, edge.workshop(tx, seat), msg.topic_id, msg.threshold, present(seat))))

    def editor(tx, seat: Seat):
        """The workshop, once a participant is known to be still in it."""
        if not seat.facilitator:
            edge.person(tx, seat)
        return edge.workshop(tx, seat)

    @edge.on("notes:edit", EditNotes, who=MEMBER)
    def edit_notes(seat: Seat, msg: EditNotes) -> dict:
        return ok(notes=edge.change(lambda tx: notes.edit_notes(
            tx, editor(tx, seat), msg.topic_id, msg.notes, facilitator=seat.facilitator)))

    @edge.on("action:save", SaveAction, who=MEMBER)
    def save_action(seat: Seat, msg: SaveAction) -> dict:
        return ok(action=edge.change(lambda tx: notes.save_action(
            tx, editor(tx, seat), msg.topic_id, msg.id, msg.text, msg.owner, msg.due, msg.done,
            facilitator=seat.facilitator)))

    @edge.on("action:delete", DeleteAction, who=MEMBER)
    def delete_action(seat: Seat, msg: DeleteAction) -> dict:
        return ok(action_id=edge.change(lambda tx: notes.delete_action(
            tx, editor(tx, seat), msg.id, facilitator=seat.facilitator)))
