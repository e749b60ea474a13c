// The teacher's hints: classifier-free guidance taken apart live, then a sweep of strengths.

import { LiveLesson } from "./live.js";
import { bindLessonKeys, lessonPage, liveForm, say } from "./page.js";
import { drawCell } from "./sheet.js";

const $ = (id) => document.getElementById(id);
const live = new LiveLesson();
let defaultHint = null; // the main page's hint strength, from /api/options

/** What a hint strength does, in a child's words; the server's default says so. */
function sweepWords(scale) {
  const words =
    scale === 0 ? "ignores the words"
    : scale === 1 ? "just the words"
    : scale < 4 ? "a gentle hint"
    : scale < 10 ? "a strong hint"
    : "shouting";
  return scale === defaultHint ? `${words} (the default)` : words;
}
const sweep = {}; // guidance scale → canvas
const slider = $("guidance");

function showTriptych(meta, sheet) {
  if (meta.lane === "no-words") {
    drawCell($("no-words"), sheet, 1); // its guess: column 0 is its dusty paper
    $("no-words").dataset.step = String(meta.index + 1);
    return;
  }
  ["unguided", "prompted", "guided"].forEach((id, column) => drawCell($(id), sheet, column));
  drawCell($("difference"), sheet, 4); // column 3 is the dusty paper, which this lesson leaves out
  $("progress").textContent = `Step ${meta.index + 1} of ${meta.total}`;
  $("guided").dataset.step = String(meta.index + 1);
}

function showSweep(meta, sheet) {
  if (!sweep[meta.lane]) sweepPanel(meta.lane); // the server names the strengths (options.lessons.guidance_sweep), in order
  drawCell(sweep[meta.lane], sheet, 1);
  sweep[meta.lane].dataset.step = String(meta.index + 1);
}

function sweepPanel(scale) {
  const figure = document.createElement("figure");
  figure.className = "panel";
  figure.innerHTML = `<figcaption><span class="panel-title"></span><span class="panel-hint"></span></figcaption>
    <div class="screen" data-empty="press Try them all"><canvas class="blank" width="32" height="32"></canvas></div>`;
  figure.querySelector(".panel-title").textContent = `Hint ${scale}`;
  figure.querySelector(".panel-hint").textContent = sweepWords(Number(scale));
  sweep[scale] = figure.querySelector("canvas");
  sweep[scale].setAttribute("aria-label", `The picture with hint strength ${scale}`);
  $("sweep-row").append(figure);
}

async function start(options) {
  const { steps } = options.lessons;
  slider.max = String(options.limits.max_guidance_scale); // one limit: the main page's
  defaultHint = options.defaults.guidance_scale;
  slider.addEventListener("input", () => ($("guidance-value").textContent = slider.value));
  const go = liveForm(({ prompt, seed }) =>
    live.run({ lesson: "guidance", prompt, seed, steps, guidance_scale: Number(slider.value) }, showTriptych),
  );
  $("sweep").addEventListener("click", async () => {
    const prompt = $("prompt").value.trim() || "a red apple";
    $("sweep").disabled = true;
    try {
      await live.run({ lesson: "sweep", prompt, seed: Number($("seed").value) || 0, steps }, showSweep);
    } catch (error) {
      say(error.message);
    } finally {
      $("sweep").disabled = false;
    }
  });
  bindLessonKeys({ generate: go });
}

lessonPage(start);
