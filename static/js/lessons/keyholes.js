// Keyholes and patches: Team CNN's receptive field layer by layer, in cells of what it draws on (the sketch), and
// Team Transformer's attention from one patch, both around one spot that a tap or the arrow keys move.

import { bindLessonKeys, getJSON, lessonPage, say } from "./page.js";
import { loadSheet } from "./sheet.js";

const $ = (id) => document.getElementById(id);
let STEPS = 0; // a lesson run's steps, from /api/options
const COLOURS = ["#4fd8c4", "#ffb547", "#ff7a90", "#9db4ff", "#c8f56b"];
const CANVAS_SIDE = 320; // about this many canvas pixels a side, whatever the picture's size

const state = { point: { x: 0, y: 0 }, info: null, sheet: null, look: null, ticket: 0 };
let scale = 10; // canvas pixels per model pixel: 10 for our 32-pixel pictures, 1 for Stable Diffusion's 512

function paintPicture(canvas, column) {
  const size = state.info.image_size;
  canvas.width = canvas.height = size * scale;
  const context = canvas.getContext("2d");
  context.imageSmoothingEnabled = false;
  context.drawImage(state.sheet.image, column * size, 0, size, size, 0, 0, size * scale, size * scale);
  return context;
}

function drawKeyholes() {
  const context = paintPicture($("keyholes"), 0);
  const full = state.info.image_size * scale;
  const keyhole = state.info.levels?.[Number($("depth").value) - 1];
  if (!keyhole) return;
  const cell = state.info.cell_pixels * scale; // canvas pixels per cell of the team's input
  const cells = state.info.image_size / state.info.cell_pixels;
  const [column, row] = [Math.floor(state.point.x / state.info.cell_pixels), Math.floor(state.point.y / state.info.cell_pixels)];
  const half = (keyhole.size - 1) / 2; // cells either side of the spot's cell
  const [left, top] = [Math.max(0, column - half), Math.max(0, row - half)];
  const [right, bottom] = [Math.min(cells, column + half + 1), Math.min(cells, row + half + 1)];
  if (!keyhole.anywhere) {
    context.fillStyle = "rgba(0, 0, 0, 0.6)"; // darken what this keyhole cannot see
    context.beginPath();
    context.rect(0, 0, full, full);
    context.rect(left * cell, top * cell, (right - left) * cell, (bottom - top) * cell);
    context.fill("evenodd");
  }
  context.strokeStyle = "rgba(255, 255, 255, 0.25)";
  context.lineWidth = 1;
  for (let at = cell; at < full; at += cell) {
    context.beginPath();
    context.moveTo(at, 0);
    context.lineTo(at, full);
    context.moveTo(0, at);
    context.lineTo(full, at);
    context.stroke();
  }
  context.lineWidth = 4;
  context.strokeStyle = COLOURS[keyhole.level % COLOURS.length];
  context.strokeRect(left * cell + 2, top * cell + 2, (right - left) * cell - 4, (bottom - top) * cell - 4);
  if (keyhole.anywhere) {
    context.strokeStyle = COLOURS[(keyhole.level + 2) % COLOURS.length];
    context.setLineDash([14, 8]);
    context.strokeRect(2, 2, full - 4, full - 4);
    context.setLineDash([]);
  }
  context.fillStyle = "#fff";
  context.fillRect(column * cell + cell / 3, row * cell + cell / 3, cell / 3, cell / 3);
  $("keyholes").dataset.keyhole = `${left},${top},${right},${bottom}`;
}

function drawPatches() {
  const context = paintPicture($("patches"), Number($("amount").value));
  const { patch_size: patch } = state.info;
  const side = patch * scale;
  context.fillStyle = "rgba(0, 0, 0, 0.45)"; // dim the picture so the light of attention stands out
  context.fillRect(0, 0, state.info.image_size * scale, state.info.image_size * scale);
  if (!patch) return; // no Team Transformer: the dusty picture alone
  if (state.look) {
    const top = Math.max(...state.look.weights);
    state.look.weights.forEach((weight, i) => {
      context.fillStyle = `rgba(255, 181, 71, ${(0.85 * weight) / top})`;
      context.fillRect((i % state.look.grid) * side, Math.floor(i / state.look.grid) * side, side, side);
    });
  }
  context.strokeStyle = "rgba(255, 255, 255, 0.25)";
  context.lineWidth = 1;
  for (let at = side; at < state.info.image_size * scale; at += side) {
    context.beginPath();
    context.moveTo(at, 0);
    context.lineTo(at, state.info.image_size * scale);
    context.moveTo(0, at);
    context.lineTo(state.info.image_size * scale, at);
    context.stroke();
  }
  const [column, row] = [Math.floor(state.point.x / patch), Math.floor(state.point.y / patch)];
  context.strokeStyle = "#4fd8c4";
  context.lineWidth = 4;
  context.strokeRect(column * side, row * side, side, side);
}

function tappedPatch() {
  const { patch_size: patch, image_size: size } = state.info;
  return Math.floor(state.point.y / patch) * (size / patch) + Math.floor(state.point.x / patch);
}

async function look() {
  if (!state.info.patch_size) {
    $("look").textContent = "This model has no Team Transformer, so no patch looks anywhere.";
    return;
  }
  const ticket = ++state.ticket;
  const patch = tappedPatch();
  const query = new URLSearchParams({
    example: "smiley", steps: String(STEPS), position: $("amount").value, patch: String(patch), words: "a smiling face",
  });
  let answer;
  try {
    answer = await getJSON(`/api/lessons/patch-attention?${query}`);
  } catch (error) {
    if (ticket === state.ticket) say(error.message);
    return;
  }
  if (ticket !== state.ticket) return;
  state.look = answer;
  const own = state.look.weights[patch];
  const elsewhere = 1 - own;
  $("look").textContent = `Patch ${patch + 1} of ${state.look.weights.length} keeps ${Math.round(own * 100)}% of its attention for itself and spreads ${Math.round(elsewhere * 100)}% over the others.`;
  $("patches").dataset.patch = String(patch);
  drawPatches();
}

function describeLevels() {
  const layers = state.info.levels;
  if (!layers) {
    $("levels").textContent = "This model has no Team CNN, so there are no keyholes to show.";
    $("depth").disabled = true;
    return;
  }
  const cells = state.info.image_size / state.info.cell_pixels;
  const where = state.info.cell_pixels > 1 ? `${cells}×${cells} sketch` : `${cells}×${cells} picture`;
  const levels = [...new Set(layers.map((layer) => layer.level))];
  $("levels").replaceChildren(
    ...levels.map((level) => {
      const brushes = layers.filter((layer) => layer.level === level && !layer.attention);
      const looks = layers.some((layer) => layer.level === level && layer.attention);
      const item = document.createElement("li");
      item.style.setProperty("--clock", COLOURS[level % COLOURS.length]);
      const [first, last] = [brushes[0].size, brushes[brushes.length - 1].size];
      item.textContent = `Level ${level + 1} (a ${brushes[0].resolution}×${brushes[0].resolution} map): ${brushes.length} brushes widen the keyhole from ${first}×${first} to ${last}×${last} cells${looks ? ", and attention looks anywhere" : ""}`;
      return item;
    }),
  );
  $("depth").max = String(layers.length);
  const sayDepth = () => {
    const layer = layers[Number($("depth").value) - 1];
    const seen = Math.min(layer.size, cells);
    const what = layer.attention
      ? "attention: it can look anywhere"
      : `a 3×3 brush that sees ${seen}×${seen} cells of the ${where}${layer.size >= cells ? " (all of it)" : ""}`;
    $("depth-value").textContent = `layer ${layer.layer + 1} of ${layers.length}: ${what}`;
    drawKeyholes();
  };
  $("depth").addEventListener("input", sayDepth);
  sayDepth();
}

function moveTo(x, y) {
  const size = state.info.image_size;
  state.point = { x: Math.min(size - 1, Math.max(0, x)), y: Math.min(size - 1, Math.max(0, y)) };
  $("keyholes").dataset.point = `${state.point.x},${state.point.y}`;
  drawKeyholes();
  drawPatches();
  look();
}

function tap(event) {
  const box = event.target.getBoundingClientRect();
  const size = state.info.image_size;
  moveTo(Math.floor(((event.clientX - box.left) / box.width) * size), Math.floor(((event.clientY - box.top) / box.height) * size));
}

async function start(options) {
  STEPS = options.lessons.steps;
  [state.info, state.sheet] = await Promise.all([
    getJSON("/api/lessons/keyholes"),
    loadSheet(`/api/lessons/dust.png?example=smiley&steps=${STEPS}`),
  ]);
  const { levels, patch_size: patch } = state.info;
  if (!levels && !patch) say("This model's network is neither of our two teams, so both sides stay empty.", "info");
  else if (!levels || !patch) say("This model has only one team, so one side stays empty.", "info");
  scale = Math.max(1, Math.round(CANVAS_SIDE / state.info.image_size));
  describeLevels();
  $("amount").max = String(STEPS);
  const showAmount = () => ($("amount-value").textContent = `step ${$("amount").value} of ${STEPS}`);
  showAmount();
  $("amount").addEventListener("input", () => {
    showAmount();
    drawPatches();
    look();
  });
  for (const id of ["keyholes", "patches"]) $(id).addEventListener("click", tap);
  document.addEventListener("keydown", (event) => {
    const delta = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[event.key];
    if (!delta || event.target.closest("input, select, textarea")) return;
    event.preventDefault();
    moveTo(state.point.x + delta[0], state.point.y + delta[1]);
  });
  bindLessonKeys();
  moveTo(Math.floor(state.info.image_size / 2), Math.floor(state.info.image_size / 2));
  await look();
}

lessonPage(start);
