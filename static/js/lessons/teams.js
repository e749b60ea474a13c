// Team CNN vs Team Transformer: the same words and dust through both backbones, live.

import { LiveLesson } from "./live.js";
import { bindLessonKeys, lessonPage, liveForm, say } from "./page.js";
import { drawCell } from "./sheet.js";

const $ = (id) => document.getElementById(id);
const live = new LiveLesson();
let steps = 0; // a lesson run's steps, from /api/options
const teams = {}; // backbone name → { dusty, guess, time, section }

function teamPanel({ name, label, hint }) {
  const section = document.createElement("section");
  section.className = "panel team";
  section.dataset.team = name;
  section.innerHTML = `<h2 class="panel-title"></h2><p class="panel-hint"></p>
    <div class="team-screens">
      <figure><div class="screen" data-empty="dust"><canvas class="blank" width="32" height="32"></canvas></div><figcaption>the dusty paper</figcaption></figure>
      <figure><div class="screen" data-empty="guess"><canvas class="blank" width="32" height="32"></canvas></div><figcaption>its guess</figcaption></figure>
    </div>
    <p class="team-time">Waiting for the start.</p>`;
  section.querySelector(".panel-title").textContent = label;
  section.querySelector(".panel-hint").textContent = hint;
  const [dusty, guess] = section.querySelectorAll("canvas");
  dusty.setAttribute("aria-label", `${label}: the dusty paper`);
  guess.setAttribute("aria-label", `${label}: its guess`);
  teams[name] = { dusty, guess, time: section.querySelector(".team-time"), section };
  $("teams").append(section);
}

function showStep(meta, sheet) {
  const team = teams[meta.lane];
  drawCell(team.dusty, sheet, 0);
  drawCell(team.guess, sheet, 1);
  team.section.dataset.step = String(meta.index + 1);
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
