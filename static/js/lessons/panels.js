// A live lesson's lane on the page: the dusty paper beside the model's guess, under a title and a hint, with a line
// for its timing (the teams race, skipping steps).

import { drawCell } from "./sheet.js";

/** Appends a lane's panel to `parent`; `data` becomes its data-* attributes (e.g. { team: "dit" }). */
export function dustGuessPanel(parent, { title, hint, data }) {
  const section = document.createElement("section");
  section.className = "panel team";
  Object.assign(section.dataset, data);
  section.innerHTML = `<h2 class="panel-title"></h2><p class="panel-hint"></p>
    <div class="team-screens">
      <figure><div class="screen" data-empty="dust"><canvas class="blank" width="32" height="32"></canvas></div><figcaption>the dusty paper</figcaption></figure>
      <figure><div class="screen" data-empty="guess"><canvas class="blank" width="32" height="32"></canvas></div><figcaption>its guess</figcaption></figure>
    </div>
    <p class="team-time">Waiting for the start.</p>`;
  section.querySelector(".panel-title").textContent = title;
  section.querySelector(".panel-hint").textContent = hint;
  const [dusty, guess] = section.querySelectorAll("canvas");
  dusty.setAttribute("aria-label", `${title}: the dusty paper`);
  guess.setAttribute("aria-label", `${title}: its guess`);
  parent.append(section);
  return { dusty, guess, time: section.querySelector(".team-time"), section };
}

/** Paints one step's sheet (the dusty paper, then the guess) into a lane's panel and marks the step it shows. */
export function showDustGuess(lane, meta, sheet) {
  drawCell(lane.dusty, sheet, 0);
  drawCell(lane.guess, sheet, 1);
  lane.section.dataset.step = String(meta.index + 1);
}
