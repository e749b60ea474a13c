// The sketchbook: the latent a team draws, a quick linear look at it, and the painters' paintings, live.

import { LiveLesson } from "./live.js";
import { bindLessonKeys, lessonPage, liveForm, say } from "./page.js";
import { drawCell } from "./sheet.js";

const $ = (id) => document.getElementById(id);
const live = new LiveLesson();
const lanes = {}; // team name → { canvases, time }, made when its first step arrives
let labels = {}; // team name → its label on the page
let steps = 0; // a lesson run's steps, from /api/options
const LOOKS = [
  ["the dusty sketch", "the sketch it is cleaning: one grey tile per layer"],
  ["its sketch of the picture", "its guess, still a sketch"],
  ["a quick look", "each square coloured by a fixed mix of its layers"],
  ["painted quickly", "a small painter taught to paint what the big one paints: the main page's steps"],
  ["painted by the decoder", "the painter's picture of the guess"],
];
const QUICK_PAINTER = 3; // its look shows only for a model that has a step painter

function lanePanel(name, quickPainter) {
  const label = labels[name] ?? name;
  const section = document.createElement("section");
  section.className = "panel team";
  section.dataset.team = name;
  const looks = LOOKS.filter((_, i) => quickPainter || i !== QUICK_PAINTER);
  const figures = looks.map(
    ([caption, hint]) =>
      `<figure><div class="screen" data-empty="…"><canvas class="blank" width="32" height="32"></canvas></div><figcaption title="${hint}">${caption}</figcaption></figure>`,
  );
  const columns = looks.length === 5 ? "five" : "four";
  section.innerHTML = `<h2 class="panel-title"></h2><div class="team-screens ${columns}">${figures.join("")}</div>
    <p class="team-time">Waiting for the start.</p>`;
  section.querySelector(".panel-title").textContent = label;
  const canvases = [...section.querySelectorAll("canvas")];
  canvases.forEach((canvas, i) => canvas.setAttribute("aria-label", `${label}: ${looks[i][0]}`));
  lanes[name] = { canvases, time: section.querySelector(".team-time") };
  $("sketches").append(section);
  return lanes[name];
}

function showStep(meta, sheet) {
  const quickPainter = meta.step_paint_ms !== undefined;
  const lane = lanes[meta.lane] ?? lanePanel(meta.lane, quickPainter);
  lane.canvases.forEach((canvas, i) => drawCell(canvas, sheet, i));
  const painters = quickPainter ? `small painter ${meta.step_paint_ms.toFixed(1)} ms · ` : "";
  const costs = `quick look ${meta.preview_ms.toFixed(2)} ms · ${painters}painter ${meta.paint_ms.toFixed(1)} ms`;
  lane.time.textContent = `Step ${meta.index + 1} of ${meta.total} · ${costs}`;
}

async function sketch({ prompt, seed }) {
  await live.run({ lesson: "sketchbook", prompt, seed, steps }, showStep);
}

async function start(options) {
  steps = options.lessons.steps;
  labels = Object.fromEntries(options.backbones.map((team) => [team.name, team.label]));
  if (!options.sketchbook) {
    say("This model draws straight in pixels, so it has no sketchbook to show.", "info");
    return;
  }
  const go = liveForm(sketch);
  bindLessonKeys({ generate: go });
}

lessonPage(start);
