"""The floor's step change (bench/step_messages.py) carries what Bowtie's carries, as Bowtie sends it."""
from bench.step_messages import captured


def test_the_floor_sends_the_agenda_and_board_a_participant_gets_before_phase_changed():
    messages = captured("cluster")
    events = [m["event"] for m in messages]
    assert events[0] == "agenda:changed" and "board:changed" in events and "phase:changed" not in events
    agenda = messages[0]["data"]["agenda"]
    running = next(step for step in agenda["steps"] if step["id"] == agenda["current"])
    assert running["kind"] == "cluster"
    assert all(isinstance(m["data"]["seq"], int) for m in messages)
