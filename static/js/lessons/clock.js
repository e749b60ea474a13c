// The dusty clock: every named schedule's ᾱ over one run, and the same dust on the same
// picture under each, with one cursor moving through them all.

import { bindLessonKeys, lessonPage } from "./page.js";
import { pictureShare } from "../numbers.js";
import { SliderPlayer } from "./play.js";
import { plotLines } from "./plot.js";
import { drawCell, loadSheet, sliderAlphaBars } from "./sheet.js";

const $ = (id) => document.getElementById(id);
const COLOURS = ["#4fd8c4", "#ffb547", "#ff7a90", "#9db4ff"];

const slider = $("moment");
let STEPS = 0; // a lesson run's steps, from /api/options
const player = new SliderPlayer(slider, $("play"));
let clocks = []; // { name, label, colour, alphaBars, sheet, canvas, value }

function drawChart() {
  plotLines($("clock-chart"), {
    lines: clocks.map(({ colour, alphaBars }) => ({ colour, values: alphaBars.map((point) => point.alpha_bar) })),
    xMax: STEPS,
    yMax: 1,
    ticks: [0, 0.5, 1].map((share) => [share, `${share * 100}%`]),
    ends: ["clean picture", "all dust"],
    cursor: Number(slider.value),
  });
}

function render() {
  const position = Number(slider.value);
  $("moment-label").textContent = position === 0 ? "Start: clean picture" : `Step ${position} of ${STEPS}`;
  for (const clock of clocks) {
    drawCell(clock.canvas, clock.sheet, position);
    const point = clock.alphaBars[position];
    clock.value.textContent = pictureShare(position === 0 ? 1 : point.alpha_bar); // children's words on the panel
    clock.value.title = position === 0 ? "" : `ᾱ_t = ${point.alpha_bar.toFixed(3)}`; // the number, for grown-ups
  }
  drawChart();
}

function panel(clock) {
  const figure = document.createElement("figure");
  figure.className = "panel clock-panel";
  figure.style.setProperty("--clock", clock.colour);
  figure.innerHTML = `<figcaption><span class="panel-title"></span><span class="panel-hint"></span></figcaption>
    <div class="screen"><canvas width="32" height="32"></canvas></div><p class="clock-value"></p>`;
  figure.querySelector(".panel-title").textContent = clock.label;
  figure.querySelector(".panel-hint").textContent = clock.hint;
  figure.querySelector("canvas").setAttribute("aria-label", `The picture on the ${clock.label} clock`);
  clock.canvas = figure.querySelector("canvas");
  clock.canvas.dataset.schedule = clock.name;
  clock.value = figure.querySelector(".clock-value");
  $("clocks").append(figure);

  const item = document.createElement("li");
  item.style.setProperty("--clock", clock.colour);
  item.textContent = clock.label;
  $("legend").append(item);
}

async function start(options) {
  STEPS = options.lessons.steps;
  slider.max = String(STEPS);
  clocks = await Promise.all(
    options.schedules.map(async ({ name, label, hint }, i) => ({
      name,
      label,
      hint,
      colour: COLOURS[i % COLOURS.length],
      alphaBars: await sliderAlphaBars(STEPS, name),
      sheet: await loadSheet(`/api/lessons/dust.png?example=smiley&steps=${STEPS}&schedule=${name}`),
    })),
  );
  clocks.forEach(panel);
  slider.addEventListener("input", render);
  window.addEventListener("resize", drawChart);
  bindLessonKeys({ toggle: () => player.toggle(), step: (delta) => player.step(delta) }, slider);
  render();
}

lessonPage(start);
