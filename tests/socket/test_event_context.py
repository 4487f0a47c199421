"""A connection's events after its first are handled without routing its URL again or
opening Flask's cookie session again. Flask-SocketIO builds a Flask request context
around every event; routing and the cookie were ~85 of its ~100 µs, for every card and
every dot (docs/performance.md, the tenth invocation). What handlers rely on stays:
the connection's own session, kept from one event to the next."""
import flask


def test_later_events_are_neither_routed_nor_read_the_cookie(app, socketio, monkeypatch):
    seen = []

    @socketio.on("probe")  # the test's own event, to look inside the context
    def probe():
        seen.append((flask.request.url_rule, flask.request.routing_exception))
        flask.session["n"] = flask.session.get("n", 0) + 1
        return flask.session["n"]

    serializers = []
    build = app.session_interface.get_signing_serializer
    monkeypatch.setattr(app.session_interface, "get_signing_serializer",
                        lambda of: serializers.append(of) or build(of))
    client = socketio.test_client(app, headers={"Cookie": "session=not-a-valid-cookie"})  # connect: the first event
    assert client.is_connected()
    serializers.clear()

    assert client.emit("probe", callback=True) == 1
    assert client.emit("probe", callback=True) == 2  # the connection's session, as Flask-SocketIO keeps it

    assert serializers == []
    assert seen == [(None, None), (None, None)]


def test_pages_are_still_routed(http):
    assert http.get("/").status_code == 200
    assert http.get("/no-such-page").status_code == 404
