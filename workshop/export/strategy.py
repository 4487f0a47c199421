"""Strategy on a page in the Markdown report and the CSV zip: purpose and vision,
the pillars with snippets, and each pillar's objectives and key results.
Both are left out of a workshop without pillars."""
from __future__ import annotations

from .markdown_text import inline, item, table, text


def markdown(summary: dict) -> list[str]:
    st = summary.get("strategy") or {}
    if not st.get("pillars"):
        return []
    lines = ["## Strategy on a page", ""]
    for part in ("purpose", "vision"):
        lines += [f"### {part.capitalize()}", "", text(st.get(part) or "Not agreed yet."), ""]
    for pillar in st["pillars"]:
        lines += [f"### Pillar: {inline(pillar['name'])}" + (" (committed)" if pillar["committed"] else ""), ""]
        if pillar["description"]:
            lines += [text(pillar["description"]), ""]
        if pillar["snippets"]:
            lines += [item(", ".join(s["text"] + (f" ×{s['count']}" if s["count"] > 1 else "")
                                     for s in pillar["snippets"])), ""]
        for o in pillar["objectives"]:
            lines += [f"#### {inline(o['text'])} ({inline(o['horizon_label'])}, {o['state']})", ""]
            lines += table(["Key result", "Metric", "Baseline → target", "Due", "Owner"],
                           [[kr["statement"], kr["metric"], kr["move"], kr["due"], kr["owner"]]
                            for kr in o["key_results"]])
            lines.append("")
        if pillar["rounds"]:
            lines += [item("Poll: " + ", ".join(f"round {r['number']} {r['result_words']}" for r in pillar["rounds"])), ""]
    return lines


def pillar_rows(summary: dict) -> list[dict] | None:
    pillars = (summary.get("strategy") or {}).get("pillars")
    if not pillars:
        return None
    return [{"pillar_id": p["id"], "name": p["name"], "description": p["description"],
             "snippets": "; ".join(f"{s['text']} ({s['count']})" for s in p["snippets"]),
             "committed": int(p["committed"]), "poll_rounds": len(p["rounds"]), "step_id": p["step_id"]}
            for p in pillars]


def key_result_rows(summary: dict) -> list[dict] | None:
    pillars = (summary.get("strategy") or {}).get("pillars")
    if not pillars:
        return None
    return [{"pillar": p["name"], "objective": o["text"], "horizon": o["horizon_label"], "state": o["state"],
             "key_result": kr["statement"], "metric": kr["metric"], "unit": kr["unit"], "baseline": kr["baseline"],
             "target": kr["target"], "due": kr["due"], "owner": kr["owner"]}
            for p in pillars for o in p["objectives"] for kr in o["key_results"]]
