def test_create_workshop_returns_id_code_and_key(http):
    response = http.post("/api/workshops", json={"title": "Retro", "template": "four-questions"})
    assert response.status_code == 201
    body = response.json
    assert {"id", "code", "facilitator_key", "join_url", "control_url"} <= set(body)
    assert body["join_url"].endswith(f"/j/{body['code']}")
    assert response.headers["Cache-Control"] == "no-store"


def test_create_workshop_refuses_bad_input(http):
    assert http.post("/api/workshops", json={"title": ""}).status_code == 400
    assert http.post("/api/workshops", json={"title": "x", "template": "nope"}).json["error"]["code"] == "invalid"
    assert http.post("/api/workshops", data="not json").status_code == 400


def test_pages_render_and_carry_security_headers(http, make_workshop):
    workshop = make_workshop("Team <retro>")
    for path in ("/", f"/j/{workshop['code']}", f"/control/{workshop['id']}"):
        response = http.get(path)
        assert response.status_code == 200, path
        csp = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "no-referrer"
    page = http.get(f"/j/{workshop['code']}").get_data(as_text=True)
    assert "Team &lt;retro&gt;" in page and "<retro>" not in page


def test_control_page_never_contains_the_facilitator_key(http, make_workshop):
    workshop = make_workshop()
    assert workshop["facilitator_key"] not in http.get(f"/control/{workshop['id']}").get_data(as_text=True)


def test_unknown_join_code_page_is_a_404_with_a_hint(http):
    response = http.get("/j/ZZZZZZ")
    assert response.status_code == 404
    assert "No workshop has the code" in response.get_data(as_text=True)


def test_qr_code_is_an_svg_of_the_join_link(http, make_workshop):
    workshop = make_workshop()
    response = http.get(f"/w/{workshop['code']}/qr.svg")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    assert response.get_data(as_text=True).lstrip().startswith("<svg")


def test_socketio_client_library_is_served_locally(http):
    response = http.get("/vendor/socket.io.esm.min.js")
    assert response.status_code == 200 and b"export" in response.data
    # Names the route does receive (no slash): files beside the one served are still refused.
    for name in ("socket.io.min.js", "socket.io.esm.min.js.map", "..", "%2e%2e"):
        assert http.get(f"/vendor/{name}").status_code == 404, name


def test_health_reports_schema_version(http):
    body = http.get("/healthz").json
    assert body["ok"] is True and body["schema_version"] >= 1
