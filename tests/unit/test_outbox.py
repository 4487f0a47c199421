"""A message the server has delivered is not kept: python-engineio holds the last packet a
connection was sent, and the packet held its text twice, so a participant's 743 KB snapshot
of a 3,000-card board stayed 1.5 MB per connection (docs/performance.md, the ninth invocation)."""
import json

from workshop import create_app
from workshop.config import Config

SNAPSHOT = json.dumps({"cards": [{"text": "Card %d: keep the weekly demo" % i} for i in range(3000)]})


def open_session(app) -> tuple[object, str]:
    client = app.test_client()
    body = client.get("/socket.io/?EIO=4&transport=polling").get_data(as_text=True)
    return client, json.loads(body[1:])["sid"]


def test_a_delivered_message_is_not_kept_by_the_server(tmp_path):
    app = create_app(Config(db_path=str(tmp_path / "b.db"), secret_key="s" * 32))
    eio = app.extensions["socketio"].server.eio
    client, sid = open_session(app)
    eio.send(sid, SNAPSHOT)
    queued = list(eio.sockets[sid].queue.queue)
    assert len(queued) == 1

    delivered = client.get(f"/socket.io/?EIO=4&transport=polling&sid={sid}").get_data(as_text=True)

    assert delivered == "4" + SNAPSHOT
    assert queued[0].data is None and queued[0].encode_cache is None


def test_small_messages_still_arrive_whole(tmp_path):
    app = create_app(Config(db_path=str(tmp_path / "b.db"), secret_key="s" * 32))
    eio = app.extensions["socketio"].server.eio
    client, sid = open_session(app)
    eio.send(sid, '2["card:added",{"id":"c1"}]')
    eio.send(sid, '2["card:added",{"id":"c2"}]')
    delivered = client.get(f"/socket.io/?EIO=4&transport=polling&sid={sid}").get_data(as_text=True)
    assert delivered.split("\x1e") == ['42["card:added",{"id":"c1"}]', '42["card:added",{"id":"c2"}]']
