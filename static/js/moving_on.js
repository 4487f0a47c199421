// What moving the room to another step ends: the server closes a poll round and a
// dot vote left open with their step, so both ways of moving on (the step bar's
// question, the agenda's Go with its countdown) say so before the click lands.
import { openRound } from "./areas/polls.js";
import { openVote, plural } from "./areas/votes.js";

/** The sentences to add to "Move everyone to …?": none when nothing open would close. */
export function movingCloses(state) {
  if (!state) return [];
  const round = openRound(state);
  const vote = openVote(state);
  return [
    round && `The open poll closes with the ${plural(round.round.answered || 0, "answer", "answers")} given.`,
    vote && `${vote.groups ? "The groups’ open votes close" : "The open vote closes"} with the ${
      plural(vote.dots, "dot", "dots")} placed.`,
  ].filter(Boolean);
}
