"""Where carried starting material came from (the next stage of the bowtie), for every screen."""
from __future__ import annotations

from ..domain.viewer import Viewer
from .events import Tx
from .workshops import Workshop


def section(tx: Tx, workshop: Workshop, viewer: Viewer) -> dict:
    """Snapshot: ``origins`` by card or cluster id; empty for a workshop that carried nothing."""
    rows = tx.query("SELECT item_id, kind, source_workshop_id, source_title, source_cluster, source_group, dots, rank "
                    "FROM origins WHERE workshop_id = ?", [workshop.id])
    return {"origins": {r.pop("item_id"): r for r in rows}}
