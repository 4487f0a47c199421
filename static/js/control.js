// The facilitator's control screen: often mirrored to a projector.
import { h } from "./dom.js";
import { Live } from "./live.js";
import { mountAreas } from "./page.js";
import * as phases from "./areas/phases.js";
import * as agenda from "./areas/agenda.js";
import * as lobby from "./areas/lobby.js";
import * as people from "./areas/people.js";
import * as cards from "./areas/cards.js";
import * as settings from "./areas/settings.js";
import * as clusters from "./areas/clusters.js";
import * as votes from "./areas/votes.js";
import * as discuss from "./areas/discuss.js";
import * as notes from "./areas/notes.js";
import * as polls from "./areas/polls.js";
import * as feedback from "./areas/feedback.js";
import * as pillars from "./areas/pillars.js";
import * as okrs from "./areas/okrs.js";
import * as roomlink from "./areas/roomlink.js";
import * as statements from "./areas/statements.js";
import * as here from "./areas/here.js";
import * as why from "./areas/why.js";
import * as step_elmo from "./areas/step_elmo.js";

// Each area of the workshop plugs in here (see static/js/README.md).
// Later phases come first: once a vote is closed its ranking follows the discussion and the poll;
// closing feedback (Summary) leads. The agenda's time plan heads the main column.
const AREAS = { phases, settings, roomlink, why, agenda, here, step_elmo, lobby, people, cards, feedback, clusters, discuss, notes, polls, votes,
  statements, pillars, okrs };

const page = document.getElementById("control");
const workshopId = page.dataset.workshopId;
const keyName = `bowtie:key:${workshopId}`;

// The key arrives in the URL fragment; keep it in this browser and take it off
// the address bar, which may be on a projector.
const fragment = new URLSearchParams(location.hash.slice(1));
if (fragment.get("key")) {
  localStorage.setItem(keyName, fragment.get("key"));
  history.replaceState(null, "", location.pathname);
}
const key = localStorage.getItem(keyName);
const main = document.getElementById("main");

if (!key) {
  main.replaceChildren(h("p.notice", {}, "This browser does not hold the facilitator key of this workshop. Open the control link you were given when you created it."));
} else {
  const live = new Live({ enter: (l) => l.send("facilitate", { workshop_id: workshopId, key }, { quiet: true }) });
  mountAreas(live, AREAS, "control", main);
  live.addEventListener("refused", ({ detail }) => {
    main.replaceChildren(h("p.notice", {}, detail.message));
  });
  window.bowtie = live; // for the console, and for tests that look at the state
  live.connect();
}
