// Team CNN vs Team Transformer: the same words and dust through both backbones, live.

import { LiveLesson } from "./live.js";
import { bindLessonKeys, lessonPage, liveForm, say } from "./page.js";
import { dustGuessPanel, showDustGuess } from "./panels.js";

const $ = (id) => document.getElementById(id);
const live = new LiveLesson();
let steps = 0; // a lesson run's steps, from /api/options
const teams = {}; // backbone name → { dusty, guess, time, section }

function teamPanel({ name, label, hint }) {
  teams[name] = dustGuessPanel($("teams"), { title: label, hint, data: { team: name } });
}

function showStep(meta, sheet) {
  const team = teams[meta.lane];
  showDustGuess(team, meta, sheet);
  team.time.textContent = `Step ${meta.index + 1} of ${meta.total} · ${Math.round(meta.ms)} ms this step · ${(meta.total_ms / 1000).toFixed(2)} s so far`;
}

async function race({ prompt, seed }) {
  for (const team of Object.values(teams)) delete team.section.dataset.winner;
  const done = await live.run({ lesson: "teams", prompt, seed, steps }, showStep);
  const [fastest] = Object.entries(done.total_ms).sort((a, b) => a[1] - b[1]);
  teams[fastest[0]].section.dataset.winner = "true";
  for (const [name, ms] of Object.entries(done.total_ms)) {
    teams[name].time.textContent = `Finished in ${(ms / 1000).toFixed(2)} s${name === fastest[0] ? " · faster!" : ""}`;
  }
}

async function start(options) {
  steps = options.lessons.steps;
  options.backbones.forEach(teamPanel);
  if (options.backbones.length < 2) say("Only one team came with this model, so it races alone.", "info");
  const go = liveForm(race);
  bindLessonKeys({ generate: go });
}

lessonPage(start);
