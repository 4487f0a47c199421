// Arrow keys between the cards of a board laid out in columns (the pool) and
// in boxes (the clusters): one card is in the tab order at a time (a roving
// tabindex), and arrows move to the card a sighted person would expect.

/** The id of the card to move to from ``current`` for ``key``, or null.
 * ``cards``: [{id, left, top, right, bottom}] in reading order (as in the page). */
export function nextCard(cards, current, key) {
  const i = cards.findIndex((c) => c.id === current);
  if (i < 0) return cards[0]?.id ?? null;
  if (key === "Home") return cards[0].id;
  if (key === "End") return cards[cards.length - 1].id;
  if (key === "ArrowDown") return cards[i + 1]?.id ?? null;
  if (key === "ArrowUp") return cards[i - 1]?.id ?? null;
  if (key !== "ArrowLeft" && key !== "ArrowRight") return null;
  // Sideways: the nearest card in the next column that way, at about the same height.
  const from = cards[i];
  const middle = (c) => (c.top + c.bottom) / 2;
  const centre = (c) => (c.left + c.right) / 2;
  const ahead = key === "ArrowRight"
    ? cards.filter((c) => c.left >= from.right - 1)
    : cards.filter((c) => c.right <= from.left + 1);
  if (!ahead.length) return null;
  const columnGap = (c) => Math.abs(centre(c) - centre(from));
  const nearest = Math.min(...ahead.map(columnGap));
  const column = ahead.filter((c) => columnGap(c) - nearest < (from.right - from.left) / 2);
  column.sort((a, b) => Math.abs(middle(a) - middle(from)) - Math.abs(middle(b) - middle(from)));
  return column[0].id;
}

/** The loose card to land on once ``moved`` leave the pool: the first one after them, else before. */
export function landingAfter(looseIds, moved) {
  const gone = new Set(moved);
  const last = Math.max(...looseIds.map((id, i) => (gone.has(id) ? i : -1)));
  if (last < 0) return null;
  return looseIds.slice(last + 1).find((id) => !gone.has(id))
    ?? [...looseIds.slice(0, last)].reverse().find((id) => !gone.has(id)) ?? null;
}

const MOVES = new Set(["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End"]);

/** The keys of a card's pick button under ``root``: arrows move focus (``focus(id)``),
 * C opens "Move to…" (``moveTo(id)``), Escape clears the selection (``clear()``);
 * ``focused(id)`` follows focus however it came (a click, Tab), for the roving tabindex.
 * ``cards()``: the card nodes shown, in reading order, each with its ``pick`` button. */
export function cardKeys(root, { cards, focus, focused, moveTo, clear }) {
  const cardOf = (target) => {
    const node = target.closest?.("li.card.pick");
    return node && target === node.pick ? node : null;
  };
  root.addEventListener("keydown", (e) => {
    const node = cardOf(e.target);
    if (!node || e.altKey || e.ctrlKey || e.metaKey) return;
    if (MOVES.has(e.key)) {
      e.preventDefault();
      const boxes = cards().map((n) => {
        const r = n.getBoundingClientRect();
        return { id: n.dataset.id, left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      });
      const next = nextCard(boxes, node.dataset.id, e.key);
      if (next) focus(next);
    } else if (e.key === "c" || e.key === "C") {
      e.preventDefault();
      moveTo(node.dataset.id);
    } else if (e.key === "Escape") {
      clear();
    }
  });
  root.addEventListener("focusin", (e) => {
    const node = cardOf(e.target);
    if (node) focused(node.dataset.id);
  });
}
