"""The discussion's part of a snapshot: topics with their timers and Elmos,
notes and actions, polls and decisions, and the server's clock."""
from __future__ import annotations

import time

from ..domain import polls as poll_rules
from ..domain.viewer import Viewer
from . import notes, polls, topics
from .events import Tx
from .workshops import Workshop


def section(tx: Tx, workshop: Workshop, viewer: Viewer) -> dict:
    every_poll = polls.all_polls(tx, workshop.id)
    discussion: dict = {
        "current_topic_id": topics.current_id(tx, workshop.id),
        "topics": topics.all_topics(tx, workshop.id),
        "actions": notes.all_actions(tx, workshop.id),
        "polls": every_poll,
        "decisions": poll_rules.decisions(every_poll),
    }
    if not viewer.facilitator and viewer.participant_id is not None:
        discussion["my_elmos"] = topics.my_elmos(tx, workshop.id, viewer.participant_id)
        discussion["my_answers"] = polls.my_answers(tx, workshop.id, viewer.participant_id)
    # Read last, so that a client's offset estimate is not skewed by the queries above.
    return {"discussion": discussion, "server_time": time.time()}
