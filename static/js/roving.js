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

/** Keys that move between cards. */
export const MOVES = new Set(["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End"]);
