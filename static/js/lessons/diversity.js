// Dust vs memorising: eight seeds of the real model beside the no-dust model, each with a variety score.

import { bindLessonKeys, getJSON, lessonPage, liveForm } from "./page.js";

const $ = (id) => document.getElementById(id);
let steps = 0; // a lesson run's steps, from /api/options

function fill(side, grid) {
  const box = $(`${side}-grid`);
  const score = $(`${side}-score`);
  if (!grid) {
    box.replaceChildren();
    return;
  }
  box.replaceChildren(
    ...grid.pictures.map((src, i) => {
      const image = new Image(32, 32);
      image.src = src;
      image.alt = `Picture ${i + 1}`;
      return image;
    }),
  );
  score.innerHTML = `About <b>${grid.distinct.toFixed(1)}</b> different pictures <span class="detail">(spread ${grid.spread.toFixed(2)})</span>`;
}

/** The same score on real emoji, so "about 3 different pictures" means something. */
function showScale(scale) {
  const box = $("variety-scale");
  box.hidden = !scale;
  if (!scale) return;
  const items = Object.entries(scale).map(([name, value]) => `${name}: <b>${value.toFixed(1)}</b>`);
  box.innerHTML = `For comparison, real emoji score: ${items.join(" · ")}.`;
}

async function drawEight({ prompt, seed }) {
  $("dust-score").textContent = "Drawing eight pictures…";
  const query = new URLSearchParams({ prompt, seed: String(seed), steps: String(steps) });
  const answer = await getJSON(`/api/lessons/diversity?${query}`);
  fill("dust", answer.dust);
  fill("no-dust", answer.no_dust);
  if (answer.note) $("no-dust-score").textContent = answer.note;
  showScale(answer.scale);
  document.body.dataset.drawn = String(Number(document.body.dataset.drawn || 0) + 1);
}

lessonPage((options) => {
  steps = options.lessons.steps;
  bindLessonKeys({ generate: liveForm(drawEight) });
});
