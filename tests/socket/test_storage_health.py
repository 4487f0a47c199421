"""`/healthz` tells the truth about the store's write path (issue 13, item 11)."""
from __future__ import annotations


def test_healthz_answers_503_when_the_store_cannot_write(app, http):
    app.extensions["bowtie"].store.db.execute("PRAGMA query_only = ON")  # every write fails, as on a read-only file
    response = http.get("/healthz")
    assert response.status_code == 503
    assert response.json["ok"] is False and response.json["error"]["code"] == "storage"
    assert "cannot be written" in response.json["error"]["message"]


def test_healthz_answers_ok_when_the_store_writes(http):
    response = http.get("/healthz")
    assert response.status_code == 200 and response.json["ok"] is True
