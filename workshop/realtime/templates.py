"""The facilitator saves the running workshop's columns or agenda into the server's template library."""
from __future__ import annotations

from ..shapes import bounded, shape
from ..store import agenda, agenda_templates, card_templates
from ..store.events import Tx
from ..store.workshops import Workshop
from .area import FACILITATOR, Area
from .edge import Edge, ok
from .presence import Seat

area = Area()


@shape
class SaveColumns:
    title: str = bounded(200)


@shape
class SaveAgenda:
    title: str = bounded(200)
    description: str = bounded(2000, default="")


@area.on("card_template:save", SaveColumns, who=FACILITATOR)
def save_columns(edge: Edge, seat: Seat, msg: SaveColumns) -> dict:
    def save(tx: Tx, workshop: Workshop) -> dict:
        return card_templates.save_from(tx, agenda.columns_now(tx, workshop), msg.title)
    return ok(template=edge.change_in(seat, save))


@area.on("agenda_template:save", SaveAgenda, who=FACILITATOR)
def save_agenda(edge: Edge, seat: Seat, msg: SaveAgenda) -> dict:
    def save(tx: Tx, workshop: Workshop) -> dict:
        return agenda_templates.save_from(tx, agenda.load(tx, workshop.id), msg.title, msg.description)
    return ok(template=edge.change_in(seat, save))
