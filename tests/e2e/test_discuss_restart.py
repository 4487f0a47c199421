"""A crash of the real server during a running time-box and an open poll loses neither."""
from .live import new_id


def test_restart_keeps_a_running_timer_and_an_open_poll(server, clients):
    workshop = server.create_workshop()
    facilitator = clients()
    assert facilitator.call("facilitate", {"workshop_id": workshop["id"], "key": workshop["facilitator_key"]})["ok"]
    ann = clients()
    joined = ann.call("join", {"code": workshop["code"], "name": "Ann"})
    topic_id = new_id()
    facilitator.call("topic:save", {"id": topic_id, "title": "Release cadence"})
    facilitator.call("topic:open", {"topic_id": topic_id})
    timer = facilitator.call("timer:start", {"topic_id": topic_id, "seconds": 600})["timer"]
    opened = facilitator.call("poll:open", {"id": new_id(), "proposal": "Release weekly"})["poll"]
    round_id = opened["rounds"][0]["id"]
    assert ann.call("poll:answer", {"round_id": round_id, "level": 70, "reason": "QA load"})["ok"]

    server.kill()
    server.start()

    control = clients()
    state = control.call("facilitate", {"workshop_id": workshop["id"], "key": workshop["facilitator_key"]})["state"]
    topic = state["discussion"]["topics"][0]
    assert topic["timer"]["state"] == "running" and topic["timer"]["deadline"] == timer["deadline"]
    assert state["server_time"] < timer["deadline"]
    assert state["discussion"]["polls"][0]["rounds"][0]["open"] is True
    assert state["discussion"]["polls"][0]["rounds"][0]["answered"] == 1

    again = clients()
    rejoined = again.call("join", {"code": workshop["code"], "token": joined["participant"]["token"]})
    assert rejoined["state"]["discussion"]["my_answers"][round_id] == {"level": 70, "reason": "QA load"}
    closed = control.call("poll:close", {"round_id": round_id})["poll"]["rounds"][0]
    assert closed["result"] == "not_yet" and closed["sticking"] == [{"level": 70, "reason": "QA load"}]
    assert again.wait_for("poll:closed")["round"]["result"] == "not_yet"
