// The class wall: every student's latest picture, large, for the projector; it refreshes by itself.

import { showLatest } from "./class-grid.js";
import { bindKeys, syncProjectorWithFullscreen, toggleProjector } from "./keys.js";

const REFRESH_MS = 3000;
const code = document.body.dataset.room;
const grid = document.getElementById("wall-grid");

let timer = null;

async function refresh() {
  if (!(await showLatest(grid, code, 256))) {
    // the room has closed: asking on would count as guessing codes, and lock this laptop out of its rooms
    clearInterval(timer);
    document.getElementById("wall-empty").textContent = "This room has closed; open the wall again from a new room.";
    document.getElementById("wall-empty").hidden = false;
    return;
  }
  document.getElementById("wall-empty").hidden = grid.children.length > 0;
}

document.getElementById("projector").addEventListener("click", () => toggleProjector());
syncProjectorWithFullscreen(() => {});
bindKeys({ generate: () => {}, toggle: () => {}, step: () => {}, projector: () => toggleProjector() }, null);
timer = setInterval(refresh, REFRESH_MS);
refresh();
