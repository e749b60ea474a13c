// Skipping steps: many small steps, a few big ones, and a student taught to take the big ones, live.

import { LiveLesson } from "./live.js";
import { bindLessonKeys, lessonPage, liveForm, say } from "./page.js";
import { dustGuessPanel, showDustGuess } from "./panels.js";

const $ = (id) => document.getElementById(id);
const live = new LiveLesson();
let steps = 0; // the lesson's small steps, from /api/options
const lanes = {}; // lane name → { dusty, guess, time, section }

const LANES = [
  ["many", (n) => `${n} small steps`, "the team, as it was taught"],
  ["rushed", (n) => `${n} big steps`, "the same team, told to hurry"],
  ["student", (n) => `${n} steps by a student`, "a model that learned to skip steps"],
];

function lanePanel([name, title, hint], count) {
  lanes[name] = dustGuessPanel($("skipping"), { title: title(count), hint, data: { lane: name } });
}

function showStep(meta, sheet) {
  const lane = lanes[meta.lane];
  showDustGuess(lane, meta, sheet);
  lane.time.textContent = `Step ${meta.index + 1} of ${meta.total} · ${(meta.total_ms / 1000).toFixed(2)} s so far`;
}

async function draw({ prompt, seed }) {
  const done = await live.run({ lesson: "skipping", prompt, seed, steps }, showStep);
  for (const [name, ms] of Object.entries(done.total_ms)) {
    lanes[name].time.textContent = `Finished in ${(ms / 1000).toFixed(2)} s`;
  }
}

async function start(options) {
  steps = options.lessons.steps;
  const quick = Object.entries(options.quick_steps);
  if (!quick.length) {
    say("This model came without a student that learned to skip steps, so this lesson has nothing quick to show.", "info");
    return;
  }
  const [, few] = quick.find(([name]) => name === options.defaults.backbone) ?? quick[0];
  LANES.forEach((lane, i) => lanePanel(lane, i === 0 ? steps : few));
  const go = liveForm(draw);
  bindLessonKeys({ generate: go });
}

lessonPage(start);
