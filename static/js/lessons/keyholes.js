// Keyholes and patches: Team CNN's receptive field per level and Team Transformer's attention from one patch,
// both around one spot on the picture that a tap or the arrow keys move.

import { bindLessonKeys, say } from "./page.js";
import { loadSheet } from "./sheet.js";

const $ = (id) => document.getElementById(id);
const STEPS = 20;
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
  const { x, y } = state.point;
  context.lineWidth = 4;
  [...(state.info.levels ?? [])].reverse().forEach((level) => {
    context.strokeStyle = COLOURS[level.level % COLOURS.length];
    context.setLineDash(level.attention ? [14, 8] : []);
    if (level.attention) context.strokeRect(2, 2, full - 4, full - 4);
    context.setLineDash([]);
    const half = (level.size * scale) / 2;
    context.strokeRect((x + 0.5) * scale - half, (y + 0.5) * scale - half, 2 * half, 2 * half);
  });
  context.fillStyle = "#fff";
  context.fillRect(x * scale, y * scale, scale, scale);
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
  const response = await fetch(`/api/lessons/patch-attention?${query}`);
  if (ticket !== state.ticket) return;
  if (!response.ok) {
    say((await response.json()).detail);
    return;
  }
  state.look = await response.json();
  const own = state.look.weights[patch];
  const elsewhere = 1 - own;
  $("look").textContent = `Patch ${patch + 1} of ${state.look.weights.length} keeps ${Math.round(own * 100)}% of its attention for itself and spreads ${Math.round(elsewhere * 100)}% over the others.`;
  $("patches").dataset.patch = String(patch);
  drawPatches();
}

function describeLevels() {
  if (!state.info.levels) {
    $("levels").textContent = "This model has no Team CNN, so there are no keyholes to show.";
    return;
  }
  $("levels").replaceChildren(
    ...state.info.levels.map((level) => {
      const item = document.createElement("li");
      item.style.setProperty("--clock", COLOURS[level.level % COLOURS.length]);
      const seen = Math.min(level.size, state.info.image_size);
      const whole = level.size >= state.info.image_size ? " (the whole picture)" : "";
      item.textContent = `Level ${level.level + 1} (${level.resolution}×${level.resolution} map): a ${seen}×${seen} keyhole${whole}${level.attention ? ", and attention to look anywhere" : ""}`;
      return item;
    }),
  );
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

async function start() {
  [state.info, state.sheet] = await Promise.all([
    fetch("/api/lessons/keyholes").then((r) => r.json()),
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
  document.body.dataset.ready = "true";
}

start().catch((error) => say(error.message));
