"""The benchmark's event-loop probe: its record, and that a server in use has none."""
from workshop import loop_lag
from workshop.loop_lag import LoopLag


def test_each_window_reports_its_longest_pause_and_the_run_keeps_the_longest_of_all():
    lag = LoopLag()
    for overshoot in (0.002, 0.120, 0.004):
        lag.record(overshoot)
    first = lag.take()
    lag.record(0.030)
    second = lag.take()
    assert (first["window_max_ms"], first["window_over_50ms"], first["window_ticks"]) == (120, 1, 3)
    assert (second["window_max_ms"], second["window_over_50ms"]) == (30, 0)
    assert (second["overall_max_ms"], second["overall_over_50ms"]) == (120, 1)


def test_a_server_without_the_bench_setting_has_no_probe_route(http):
    assert http.get("/bench/loop-lag").status_code == 404


def test_the_probe_serves_its_record_and_starts_a_new_window(app):
    started = []
    lag = loop_lag.init_app(app, sleep=lambda _seconds: None, start=started.append)  # the task is not run here
    lag.record(0.080)
    first = app.test_client().get("/bench/loop-lag").json
    second = app.test_client().get("/bench/loop-lag").json
    assert len(started) == 1
    assert (first["window_max_ms"], first["overall_max_ms"]) == (80, 80)
    assert (second["window_max_ms"], second["overall_max_ms"]) == (0, 80)
