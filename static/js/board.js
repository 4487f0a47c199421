// The participant's screen: join, then the group's board and whatever the
// current phase asks of them.
import { h, newId, toast } from "./dom.js";
import { Live } from "./live.js";
import { mountAreas } from "./page.js";
import * as phases from "./areas/phases.js";
import * as agenda from "./areas/agenda.js";
import * as people from "./areas/people.js";
import * as cards from "./areas/cards.js";
import * as lobby from "./areas/lobby.js";
import * as clusters from "./areas/clusters.js";
import * as votes from "./areas/votes.js";
import * as discuss from "./areas/discuss.js";
import * as notes from "./areas/notes.js";
import * as polls from "./areas/polls.js";
import * as feedback from "./areas/feedback.js";
import * as pillars from "./areas/pillars.js";
import * as okrs from "./areas/okrs.js";
import * as statements from "./areas/statements.js";
import * as here from "./areas/here.js";
import * as why from "./areas/why.js";
import * as step_elmo from "./areas/step_elmo.js";

// Each area of the workshop plugs in here (see static/js/README.md).
const AREAS = { phases, agenda, why, people, here, step_elmo, lobby, cards, feedback, clusters, discuss, notes, polls, votes, statements, pillars, okrs };

const page = document.getElementById("board");
const code = page.dataset.code;
const tokenKey = `bowtie:token:${code}`;
const joinForm = document.getElementById("join-form");
const main = document.getElementById("main");

function enter(live) {
  const token = localStorage.getItem(tokenKey);
  // Back after a dropped connection: ask only for what we missed (a snapshot carries every card).
  const since = live.state ? { since: live.seq } : {};
  // Every card from Cluster on comes over HTTP, the same bytes for the whole room (live.js).
  const shared = { shared_cards: true };
  if (token) return live.send("join", { code, token, ...since, ...shared }, { quiet: true }).then((ack) => joined(ack, live));
  return live.send("join", { ...live.arrival, browser: browserId(), ...shared }, { quiet: true })
    .then((ack) => joined(ack, live));
}

// This browser's own random id: the server holds new identities from one browser
// to a human rate (docs/protocol.md, Limits: "New people").
function browserId() {
  let id = localStorage.getItem("bowtie:browser");
  if (!id) {
    id = newId();
    localStorage.setItem("bowtie:browser", id);
  }
  return id;
}

function joined(ack, live) {
  if (ack.ok) {
    localStorage.setItem(tokenKey, ack.participant.token);
    document.getElementById("me").textContent = ack.participant.name;
    joinForm.hidden = true;
    main.hidden = false;
  } else if (ack.error.code === "bad_token" || ack.error.code === "not_found") {
    // Our token is no good any more (expired, or the workshop was reset): join afresh.
    localStorage.removeItem(tokenKey);
  }
  return ack;
}

function start(arrival) {
  const live = new Live({ enter, sharedCards: true });
  live.arrival = arrival;
  mountAreas(live, AREAS, "board", main);
  live.addEventListener("refused", ({ detail }) => {
    if (detail.code === "forbidden") {
      // Removed: the token stays, so that this browser keeps being refused
      // instead of offering the join form again (docs/protocol.md, join).
      main.replaceChildren(h("p.notice", {}, detail.message));
      main.hidden = false;
    } else {
      live.socket.disconnect();
      showJoin(detail.message);
    }
  });
  live.addEventListener("event", ({ detail }) => {
    if (detail.event === "participant:removed" && detail.data.participant_id === live.state?.me?.id) {
      live.socket.disconnect();
      main.replaceChildren(h("p.notice", {}, "The facilitator has removed you from this workshop."));
    }
  });
  live.connect();
}

function showJoin(message) {
  main.hidden = true;
  joinForm.hidden = false;
  joinForm.querySelector("button").disabled = false;
  if (message) toast(message);
  joinForm.querySelector("[name=name]").focus();
}

joinForm.addEventListener("submit", (e) => {
  e.preventDefault();
  const data = new FormData(joinForm);
  const name = String(data.get("name") || "").trim();
  if (!name) return toast("Please type your name.");
  joinForm.querySelector("button").disabled = true;
  start({ code, name, role: String(data.get("role") || "").trim() || null, experience: data.get("experience") || null });
});

if (localStorage.getItem(tokenKey)) {
  joinForm.hidden = true;
  start(null);
} else {
  showJoin();
}
