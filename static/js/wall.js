// The class wall: every student's latest picture, large, for the projector; it refreshes by itself. Opened from
// the teacher's page, it holds the room's key, and each picture has a Hide button.

import { showLatest } from "./class-grid.js";
import { bindKeys, syncProjectorWithFullscreen, toggleProjector } from "./keys.js";
import { teacherKey } from "./room.js";

const REFRESH_MS = 3000;
const code = document.body.dataset.room;
const grid = document.getElementById("wall-grid");
const key = teacherKey(code); // null on any other device: no Hide buttons there

const EMPTY_WALL = document.getElementById("wall-empty").textContent; // what the page says before any picture
let timer = null;

async function refresh() {
  const shown = await showLatest(grid, code, { size: 256, key });
  const empty = document.getElementById("wall-empty");
  if (shown === null) {
    empty.textContent = "The drawing server is not answering; the wall tries again by itself.";
    empty.hidden = false;
    return;
  }
  if (!shown) {
    // the room has closed: asking on would count as guessing codes, and lock this laptop out of its rooms
    clearInterval(timer);
    empty.textContent = "This room has closed; open the wall again from a new room.";
    empty.hidden = false;
    return;
  }
  empty.textContent = EMPTY_WALL;
  empty.hidden = grid.children.length > 0;
}

document.getElementById("projector").addEventListener("click", () => toggleProjector());
syncProjectorWithFullscreen(() => {});
bindKeys({ generate: () => {}, toggle: () => {}, step: () => {}, projector: () => toggleProjector() }, null);
timer = setInterval(refresh, REFRESH_MS);
refresh();
