// A small line plot for the lessons: a few coloured lines over positions 0 … xMax, gridlines, end labels,
// and an optional cursor. Sized to its canvas's CSS width, sharp on any screen.

const GRID = "#2b3447";
const LABEL = "#a3adc0";

/** lines: [{ colour, values }]; ticks: [[value, text]] on the y axis from 0 to yMax; ends: [left, right] labels. */
export function plotLines(canvas, { lines, xMax, yMax, ticks, ends, cursor = null, aspect = 0.5 }) {
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth || canvas.width;
  const height = Math.round(width * aspect);
  canvas.width = width * ratio;
  canvas.height = height * ratio;
  const context = canvas.getContext("2d");
  context.scale(ratio, ratio);
  const fontSize = Math.max(12, Math.round(width / 40));
  context.font = `${fontSize}px system-ui, sans-serif`;
  const left = fontSize * 3;
  const top = fontSize;
  const bottom = height - fontSize * 2;
  const x = (position) => left + (position / Math.max(xMax, 1)) * (width - left - 8);
  const y = (value) => bottom - (value / yMax) * (bottom - top);

  context.strokeStyle = GRID;
  context.fillStyle = LABEL;
  context.textAlign = "right";
  context.textBaseline = "middle";
  for (const [value, text] of ticks) {
    context.beginPath();
    context.moveTo(left, y(value));
    context.lineTo(width - 8, y(value));
    context.stroke();
    context.fillText(text, left - 6, y(value));
  }
  context.textBaseline = "bottom";
  context.textAlign = "left";
  context.fillText(ends[0], left, height - 2);
  context.textAlign = "right";
  context.fillText(ends[1], width - 8, height - 2);

  context.lineWidth = 3;
  for (const { colour, values } of lines) {
    context.strokeStyle = colour;
    context.beginPath();
    values.forEach((value, i) => context[i ? "lineTo" : "moveTo"](x(i), y(value)));
    context.stroke();
  }
  if (cursor === null) return;
  context.strokeStyle = "#fff";
  context.lineWidth = 2;
  context.beginPath();
  context.moveTo(x(cursor), top - 4);
  context.lineTo(x(cursor), bottom);
  context.stroke();
  for (const { colour, values } of lines) {
    if (values[cursor] === undefined) continue;
    context.fillStyle = colour;
    context.beginPath();
    context.arc(x(cursor), y(values[cursor]), 6, 0, 2 * Math.PI);
    context.fill();
  }
}
