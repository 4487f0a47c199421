"""The trail: from any OKR, pillar, vision or consolidated statement back to the
cards people wrote, and from any card forward to where it ended up.

The store loads the rows of every workshop the trail may cross (the stages of
a journey, and the workshops that carried material to or from them) as plain
values; these rules walk them. What is followed:

- back: an objective to its pillar; a pillar to the clusters, statements and
  cards it came from; a purpose or vision to the statements of its step; a
  briefing topic to its cluster; a carried cluster to the cluster it was carried
  from (and to the cards of it carried from elsewhere, when items were merged);
  a cluster to its cards; a carried card to the card it was carried from.
- forward: the reverse of each; and, on a journey's trail, an objective to the
  projects that move one of its key results, and a pillar to the other projects
  that serve it (domain/projects.py), first priority first.

A source that is gone (its workshop deleted later) is still told, by the title
its origin kept. Every item appears once per direction: a second way to it is
shown as "shown above", which also ends any cycle an edited import could hold.
Authors are named only where that workshop was not anonymous (blind writing
off) and the asker may see its names (``named``).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .errors import InvalidInput, NotFound

# What a trail may start from; a key result's trail is its objective's.
KINDS = ("objective", "pillar", "sentence", "topic", "statement", "cluster", "card")
LABELS = {"objective": "Objective", "pillar": "Pillar", "topic": "Consolidated statement",
          "statement": "Statement", "cluster": "Cluster", "card": "Card", "project": "Project"}
DELETED = "from a deleted workshop"
GONE = "no longer in its workshop"
REPEATED = "shown above"
MAX_DEPTH = 40  # far beyond four stages; a guard, not a rule people meet


class UnknownTrailItem(NotFound):
    code = "no_such_item"


class BadTrailKind(InvalidInput):
    code = "bad_kind"


@dataclass(frozen=True)
class Workshop:
    id: str
    title: str
    anonymous: bool  # blind writing: authors were never shown


@dataclass(frozen=True)
class Item:
    kind: str
    id: str
    workshop_id: str
    text: str
    group: str = ""
    column: str = ""  # a card's column; a sentence's subject (purpose, vision); an objective's horizon
    author: str = ""
    parent: str = ""  # objective: its pillar; project: the objective it moves, else its pillar;
    # topic: its cluster; statement, sentence: their step


@dataclass(frozen=True)
class Origin:
    item_id: str
    kind: str  # card or cluster
    source_workshop_id: str
    source_title: str
    source_item_id: str
    source_cluster: str = ""
    source_group: str = ""


@dataclass(frozen=True)
class Rows:
    workshops: Mapping[str, Workshop]
    items: Iterable[Item]
    origins: Iterable[Origin]
    members: Iterable[tuple[str, str]] = ()  # (cluster id, card id)
    pillar_links: Iterable[tuple[str, str, str]] = ()  # (pillar id, source kind, source id)


@dataclass(frozen=True)
class Node:
    kind: str
    id: str
    workshop_id: str
    workshop: str
    label: str
    text: str
    group: str
    column: str
    author: str | None
    note: str = ""
    children: tuple["Node", ...] = field(default=())

    def public(self) -> dict:
        return {"kind": self.kind, "id": self.id, "workshop_id": self.workshop_id, "workshop": self.workshop,
                "label": self.label, "text": self.text, "group": self.group, "column": self.column,
                "author": self.author, "note": self.note, "children": [c.public() for c in self.children]}


@dataclass(frozen=True)
class Trail:
    start: Node
    back: tuple[Node, ...]
    forward: tuple[Node, ...]

    def public(self) -> dict:
        return {"start": self.start.public(), "back": [n.public() for n in self.back],
                "forward": [n.public() for n in self.forward]}


def check_start(kind: object, item_id: object) -> tuple[str, str]:
    if kind not in KINDS:
        raise BadTrailKind(f"a trail starts from a {', a '.join(KINDS)}")
    if not isinstance(item_id, str) or not item_id or len(item_id) > 200:
        raise InvalidInput("id must name the item the trail starts from")
    return str(kind), item_id


def sentence_id(workshop_id: str, subject: str) -> str:
    """A committed purpose or vision is one per workshop: its id says which."""
    return f"{workshop_id}:{subject}"


# A target of an edge: the item, and a note when it is only told (its source is gone).
Target = tuple[Item, str]


class _Graph:
    def __init__(self, rows: Rows, named: frozenset[str] | None):
        self.workshops = rows.workshops
        self.named = named
        self.items = {(i.kind, i.id): i for i in rows.items}
        self.origins = {o.item_id: o for o in rows.origins}
        self.told = {o.source_workshop_id: o.source_title for o in self.origins.values()}
        self.copies: dict[str, list[str]] = defaultdict(list)
        for o in self.origins.values():
            self.copies[o.source_item_id].append(o.item_id)
        self.cards_of: dict[str, list[str]] = defaultdict(list)
        self.clusters_of: dict[str, list[str]] = defaultdict(list)
        for cluster_id, card_id in rows.members:
            self.cards_of[cluster_id].append(card_id)
            self.clusters_of[card_id].append(cluster_id)
        self.links: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.linked_by: dict[tuple[str, str], list[str]] = defaultdict(list)
        for pillar_id, kind, source_id in rows.pillar_links:
            self.links[pillar_id].append((kind, source_id))
            self.linked_by[(kind, source_id)].append(pillar_id)
        self.children: dict[tuple[str, str], list[str]] = defaultdict(list)  # (kind, parent) -> ids
        for i in self.items.values():
            if i.parent:
                self.children[(i.kind, i.parent)].append(i.id)

    def found(self, kind: str, ids: Iterable[str]) -> list[Target]:
        return [(self.items[(kind, i)], "") for i in ids if (kind, i) in self.items]

    # -- back ------------------------------------------------------------------------

    def back(self, item: Item) -> list[Target]:
        if item.kind == "objective":
            return self.found("pillar", [item.parent])
        if item.kind == "pillar":
            return self._pillar_sources(item)
        if item.kind == "sentence":
            return self.found("statement", self.children[("statement", item.parent)])
        if item.kind == "topic":
            return self.found("cluster", [item.parent])
        if item.kind == "cluster":
            return self._cluster_sources(item)
        if item.kind == "card":
            return self._carried_from(item)
        return []

    def _pillar_sources(self, pillar: Item) -> list[Target]:
        links = self.links[pillar.id]
        clusters = [i for k, i in links if k == "cluster"]
        # A pillar made from a cluster links its cards too: they are shown under their cluster.
        in_clusters = {c for cluster in clusters for c in self.cards_of[cluster]}
        return (self.found("cluster", clusters) + self.found("statement", [i for k, i in links if k == "statement"])
                + self.found("card", [i for k, i in links if k == "card" and i not in in_clusters]))

    def _cluster_sources(self, cluster: Item) -> list[Target]:
        origin = self.origins.get(cluster.id)
        targets: list[Target] = []
        covered: set[str] = set()
        if origin is not None and origin.kind == "cluster":
            source = self.items.get(("cluster", origin.source_item_id))
            if source is not None:
                targets.append((source, ""))
                covered = set(self.cards_of[source.id])
            else:
                targets.append(self._told(origin, "cluster", origin.source_cluster, cluster))
        # Cards carried in from another source (a merged item) or written here, each on its own trail.
        mine = [c for c in self.cards_of[cluster.id]
                if c not in self.origins or self.origins[c].source_item_id not in covered]
        return targets + self.found("card", mine)

    def _carried_from(self, card: Item) -> list[Target]:
        origin = self.origins.get(card.id)
        if origin is None or origin.kind != "card":
            return []
        source = self.items.get(("card", origin.source_item_id))
        return [(source, "")] if source else [self._told(origin, "card", card.text, card)]

    def _told(self, origin: Origin, kind: str, text: str, copy: Item) -> Target:
        """A source that is gone, as its origin tells it."""
        note = GONE if origin.source_workshop_id in self.workshops else DELETED
        return (Item(kind, origin.source_item_id, origin.source_workshop_id, text,
                     group=origin.source_group, column=copy.column if kind == "card" else ""), note)

    # -- forward ---------------------------------------------------------------------

    def forward(self, item: Item) -> list[Target]:
        pillars = self.found("pillar", self.linked_by[(item.kind, item.id)])
        if item.kind == "card":
            return self.found("cluster", self.clusters_of[item.id]) + self.found("card", self.copies[item.id]) + pillars
        if item.kind == "cluster":
            return (self.found("topic", self.children[("topic", item.id)])
                    + self.found("cluster", self.copies[item.id]) + pillars)
        if item.kind == "topic":
            cluster = self.items.get(("cluster", item.parent))
            return [t for t in self.forward(cluster) if t[0].kind != "topic"] if cluster else []
        if item.kind == "statement":
            steps = self.children[("sentence", item.parent)]
            return [t for t in self.found("sentence", steps) if t[0].workshop_id == item.workshop_id] + pillars
        if item.kind == "pillar":
            return (self.found("objective", self.children[("objective", item.id)])
                    + self.found("project", self.children[("project", item.id)]))
        if item.kind == "objective":
            return self.found("project", self.children[("project", item.id)])
        return []

    # -- nodes -----------------------------------------------------------------------

    def node(self, item: Item, note: str, children: tuple[Node, ...]) -> Node:
        workshop = self.workshops.get(item.workshop_id)
        title = workshop.title if workshop else self.told.get(item.workshop_id, "")
        may_name = (workshop is not None and not workshop.anonymous
                    and (self.named is None or item.workshop_id in self.named))
        label = item.column.capitalize() if item.kind == "sentence" else LABELS[item.kind]
        return Node(item.kind, item.id, item.workshop_id, title, label, item.text, item.group,
                    item.column if item.kind != "sentence" else "", (item.author or None) if may_name else None,
                    note, children)

    def walk(self, target: Target, step, seen: set, depth: int) -> Node:
        item, note = target
        key = (item.kind, item.id)
        if key in seen:
            return self.node(item, REPEATED, ())
        seen.add(key)
        if note or depth >= MAX_DEPTH:
            return self.node(item, note, ())
        return self.node(item, note, tuple(self.walk(t, step, seen, depth + 1) for t in step(item)))


def trail(rows: Rows, kind: object, item_id: object, *, within: frozenset[str] | None = None,
          named: frozenset[str] | None = None) -> Trail:
    """The trail of one item, back to where it came from and forward to where it went.

    ``within``: the workshops a trail may start in (the asker's own), None for any;
    an item elsewhere is as unknown as one that does not exist. ``named``: the
    workshops whose authors the asker may see, None for every one."""
    kind, item_id = check_start(kind, item_id)
    graph = _Graph(rows, named)
    item = graph.items.get((kind, item_id))
    if item is None or (within is not None and item.workshop_id not in within):
        raise UnknownTrailItem(f"no {LABELS.get(kind, kind).lower()} with that id here")
    back_seen, forward_seen = {(kind, item_id)}, {(kind, item_id)}
    back = tuple(graph.walk(t, graph.back, back_seen, 1) for t in graph.back(item))
    forward = tuple(graph.walk(t, graph.forward, forward_seen, 1) for t in graph.forward(item))
    return Trail(graph.node(item, "", ()), back, forward)


def starts(rows: Rows, workshop_ids: Iterable[str]) -> list[dict]:
    """What a trail may start from in these workshops, for the trail page's index:
    each workshop's purpose and vision, pillars, objectives and consolidated statements."""
    graph = _Graph(rows, frozenset())
    wanted = list(dict.fromkeys(workshop_ids))
    order = ("sentence", "pillar", "objective", "topic", "cluster")
    found = []
    for workshop_id in wanted:
        items = [i for i in graph.items.values() if i.workshop_id == workshop_id and i.kind in order
                 and (i.kind != "cluster" or i.id in graph.origins or graph.linked_by[("cluster", i.id)])]
        items.sort(key=lambda i: order.index(i.kind))
        if items:
            found.append({"workshop_id": workshop_id, "workshop": graph.workshops[workshop_id].title,
                          "items": [graph.node(i, "", ()).public() for i in items]})
    return found
