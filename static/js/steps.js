// The running step, and the phase whose screens it shows. Kinds newer than the
// seven phases (statements, pillars, OKRs) report the lobby's phase to clients
// that know only phases; on these pages their own areas take the screen, so the
// lobby's, the groups' and the cards' areas give way to them.
import { PHASE_OF_KIND } from "/facts.js";

export function runningStep(state) {
  return (state.agenda?.steps || []).find((s) => s.id === state.agenda.current) || null;
}

/** The phase whose areas show now, or null while a kind with screens of its own runs. */
export function screenPhase(state) {
  const step = runningStep(state);
  return step ? PHASE_OF_KIND[step.kind] ?? null : state.workshop.phase;
}
