// Sprinkling dust: a slider over the forward process, then SDEdit back from where it stands.

import { bindLessonKeys, getJSON, lessonPage, say } from "./page.js";
import { pictureShare } from "../numbers.js";
import { SliderPlayer } from "./play.js";
import { bindSquint } from "../squint.js";
import { drawCell, loadSheet, sliderAlphaBars } from "./sheet.js";

const $ = (id) => document.getElementById(id);
let STEPS = 0; // slider positions past the clean picture: the steps of one lesson run, from /api/options
const CLEAN_FPS = 5;

const state = {
  source: null, // { example } or { prompt }
  dust: null, // the sheet of x_t at every slider position
  alphaBars: [],
  cleaning: null, // the timer of a clean-up being shown
};

const slider = $("amount");
const player = new SliderPlayer(slider, $("play"));

function sourceQuery() {
  return new URLSearchParams({ ...state.source, steps: String(STEPS) });
}

async function choose(source, words) {
  state.source = source;
  $("words").value = words;
  for (const button of $("examples").children) {
    button.setAttribute("aria-checked", String(button.dataset.name === source.example));
  }
  stopCleaning();
  say(source.prompt ? "The model is drawing your picture…" : null, "info");
  try {
    state.dust = await loadSheet(`/api/lessons/dust.png?${sourceQuery()}`);
    say(null);
  } catch (error) {
    say(error.message);
    return;
  }
  render();
}

function render() {
  const position = Number(slider.value);
  if (state.dust) drawCell($("dusty"), state.dust, position);
  const point = state.alphaBars[position];
  if (!point) return;
  $("amount-label").textContent =
    position === 0 ? "Clean picture" : `Step ${position} of ${STEPS} · ${pictureShare(point.alpha_bar)}`;
  const a = point.alpha_bar;
  $("numbers").textContent =
    position === 0
      ? "Now: x_t = x_0 (no dust)."
      : `Now: t = ${point.timestep}, ᾱ_t = ${a.toFixed(3)}: x_t = ${Math.sqrt(a).toFixed(2)}·x_0 + ${Math.sqrt(1 - a).toFixed(2)}·ε.`;
}

function stopCleaning() {
  clearInterval(state.cleaning);
  state.cleaning = null;
  $("clean").disabled = false;
}

/** SDEdit from the slider's position: fetch every step of the way back, then play it. */
async function cleanUp() {
  if (!state.source || state.cleaning !== null) return;
  player.pause();
  const start = Number(slider.value);
  const query = sourceQuery();
  query.set("start", String(start));
  query.set("words", $("words").value.trim());
  $("clean").disabled = true;
  state.cleaning = -1; // asking the model; a second press waits for this one
  $("clean-hint").textContent = "the model is wiping…";
  let sheet;
  try {
    sheet = await loadSheet(`/api/lessons/clean-up.png?${query}`, 2);
  } catch (error) {
    say(error.message);
    stopCleaning();
    return;
  }
  say(start === 0 ? "There was no dust to clean: drag the slider to the right first." : null, "info");
  const last = sheet.columns - 1;
  let column = 0;
  const show = () => {
    drawCell($("cleaned"), sheet, column, 0);
    drawCell($("guess"), sheet, column, 1);
    $("cleaned").dataset.column = String(column);
    $("clean-hint").textContent =
      column === last ? `clean again after ${last} step${last === 1 ? "" : "s"}` : `step ${column + 1} of ${last}`;
    if (column++ === last) stopCleaning();
  };
  state.cleaning = setInterval(show, 1000 / CLEAN_FPS);
  show();
}

async function start(options) {
  STEPS = options.lessons.steps;
  slider.max = String(STEPS);
  const [examples, alphaBars] = await Promise.all([getJSON("/api/lessons/examples"), sliderAlphaBars(STEPS)]);
  state.alphaBars = alphaBars;
  $("sketchbook-note").hidden = !options.sketchbook;
  bindSquint($("squint"), $("dusty"));
  for (const { name, label } of examples) {
    const button = document.createElement("button");
    button.type = "button";
    button.role = "radio";
    button.dataset.name = name;
    button.textContent = label;
    button.addEventListener("click", () => choose({ example: name }, label));
    $("examples").append(button);
  }
  $("draw-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const prompt = $("draw-prompt").value.trim();
    if (!prompt) say("Type a few words first, for example “a red apple”.", "info");
    else choose({ prompt }, prompt);
  });
  slider.addEventListener("input", render);
  $("clean").addEventListener("click", cleanUp);
  bindLessonKeys({ toggle: () => player.toggle(), step: (delta) => player.step(delta), generate: cleanUp }, slider);
  await choose({ example: examples[0].name }, examples[0].label);
}

lessonPage(start);
