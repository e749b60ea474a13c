// The class wall: every student's latest picture, large, for the projector; it refreshes by itself.

import { showLatest } from "./class-grid.js";
import { bindKeys, syncProjectorWithFullscreen, toggleProjector } from "./keys.js";

const REFRESH_MS = 3000;
const code = document.body.dataset.room;
const grid = document.getElementById("wall-grid");

async function refresh() {
  if (!(await showLatest(grid, code, 256))) return;
  document.getElementById("wall-empty").hidden = grid.children.length > 0;
}

document.getElementById("projector").addEventListener("click", () => toggleProjector());
syncProjectorWithFullscreen(() => {});
bindKeys({ generate: () => {}, toggle: () => {}, step: () => {}, projector: () => toggleProjector() }, null);
refresh();
setInterval(refresh, REFRESH_MS);
