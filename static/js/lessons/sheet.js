// Lesson pictures arrive as one PNG "sheet" (a row per kind of picture, a column per moment);
// a canvas shows one cell of it at the model's own 32×32 pixels.

import { getJSON, problem } from "./page.js";

/** Fetches a sheet of `rows` rows of square cells; a refusal throws the server's own sentence. */
export async function loadSheet(url, rows = 1) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(await problem(response));
  const image = await createImageBitmap(await response.blob());
  const size = image.height / rows;
  return { image, size, columns: image.width / size };
}

/** Paints one cell of a sheet onto a canvas, pixel for pixel. */
export function drawCell(canvas, sheet, column, row = 0) {
  canvas.width = canvas.height = sheet.size;
  const context = canvas.getContext("2d");
  context.imageSmoothingEnabled = false;
  const { size } = sheet;
  context.drawImage(sheet.image, column * size, row * size, size, size, 0, 0, size, size);
  canvas.classList.remove("blank");
}

/** ᾱ at slider positions 0 … K (0 = the clean picture) from /api/schedule, whose points run from dust to picture. */
export async function sliderAlphaBars(steps, schedule = null) {
  const query = new URLSearchParams({ steps: String(steps) });
  if (schedule) query.set("name", schedule);
  const { points } = await getJSON(`/api/schedule?${query}`);
  return [{ alpha_bar: 1, timestep: null }, ...points.reverse()];
}
