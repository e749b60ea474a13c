// Words to pictures: the prompt as tokens, untaught words marked, and a live CLIP score per step.

import { LiveLesson } from "./live.js";
import { bindLessonKeys, getJSON, lessonPage, liveForm } from "./page.js";
import { plotLines } from "./plot.js";
import { drawCell } from "./sheet.js";

const $ = (id) => document.getElementById(id);
let STEPS = 0; // a lesson run's steps, from /api/options
const live = new LiveLesson();
let scores = [];
let ranked = false; // the run's steps carry the words' place among the things' names (else a bare CLIP score)

/** Where the words stand against the names of the things the model knows, for one step's guess. */
function placeSentence(meta) {
  if (meta.rivals === undefined) return `match ${meta.clip_score.toFixed(1)} out of 100`;
  if (meta.beaten_by === 0) return `your words fit it better than all ${meta.rivals} other things' names`;
  const names = meta.beaten_by === 1 ? "name fits" : "names fit";
  return `${meta.beaten_by} of ${meta.rivals} other things' ${names} it better than your words`;
}

function chips(box, items) {
  box.replaceChildren(
    ...items.map(({ text, kind }) => {
      const chip = document.createElement("span");
      chip.className = `chip ${kind}`;
      chip.textContent = text;
      if (kind === "new") chip.title = "The model was never taught this word";
      return chip;
    }),
  );
}

async function read(prompt) {
  const reading = await getJSON(`/api/lessons/words?${new URLSearchParams({ prompt })}`);
  const kind = (taught) => (taught === null ? "unknown" : taught ? "taught" : "new");
  chips($("words"), reading.words.map(({ text, taught }) => ({ text, kind: kind(taught) })));
  chips($("tokens"), reading.tokens.map((text) => ({ text, kind: "token" })));
  const untaught = reading.words.filter((word) => word.taught === false).length;
  const known = reading.words.every((word) => word.taught !== null);
  $("token-count").textContent =
    `${reading.tokens.length} pieces (it reads at most ${reading.max_tokens}) · ` +
    (!known
      ? "these weights came without the list of words they were taught"
      : untaught
        ? `${untaught} word${untaught === 1 ? "" : "s"} it was never taught`
        : "it was taught every word");
}

function drawChart() {
  plotLines($("match-chart"), {
    lines: [{ colour: "#ff7a90", values: scores }],
    xMax: STEPS - 1,
    yMax: 100,
    ticks: [0, 50, 100].map((value) => [value, ranked ? `${value} %` : String(value)]),
    ends: ["first step", "last step"],
    cursor: scores.length ? scores.length - 1 : null,
  });
}

function showStep(meta, sheet) {
  drawCell($("dusty"), sheet, 0);
  drawCell($("guess"), sheet, 1);
  ranked = meta.rivals !== undefined;
  // the share of the other things' names the words beat: a ranking a child can read, where a raw score is not
  scores[meta.index] = ranked ? (100 * (meta.rivals - meta.beaten_by)) / meta.rivals : meta.clip_score;
  $("match-chart").dataset.points = String(scores.length);
  $("score").textContent = `Step ${meta.index + 1} of ${meta.total}: ${placeSentence(meta)}`;
  drawChart();
}

/** DAAM after the run: the finished picture lit where each token was looked at. */
async function showWordMaps(prompt, seed) {
  $("maps-hint").textContent = "Team CNN is drawing it once more, listening in…";
  const answer = await getJSON(`/api/lessons/word-maps?${new URLSearchParams({ prompt, seed, steps: STEPS })}`);
  $("word-maps").replaceChildren(
    ...answer.maps.map(({ token, map }) => {
      const figure = document.createElement("figure");
      figure.innerHTML = `<img width="32" height="32" alt=""><figcaption class="chip token"></figcaption>`;
      figure.querySelector("img").src = map;
      figure.querySelector("img").alt = `Where “${token}” lands`;
      figure.querySelector("figcaption").textContent = token;
      return figure;
    }),
  );
  $("maps-hint").textContent = "bright = the parts of the picture that listened to this piece most";
}

async function readAndDraw({ prompt, seed }) {
  await read(prompt);
  scores = [];
  drawChart();
  await live.run({ lesson: "words", prompt, seed, steps: STEPS }, showStep);
  await showWordMaps(prompt, seed);
}

async function start(options) {
  STEPS = options.lessons.steps;
  const go = liveForm(readAndDraw);
  bindLessonKeys({ generate: go });
  window.addEventListener("resize", drawChart);
  await read($("prompt").value);
  drawChart();
}

lessonPage(start);
