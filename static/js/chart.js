// "Picture left vs. dust": one bar per step, teal for the share of picture (ᾱ) and amber for dust,
// with the step on screen outlined. Numbers come from /api/schedule, the same ones the run uses.

const TEAL = "#4fd8c4";
const AMBER = "#ffb547";
const LABEL = "#a3adc0";

export class ScheduleChart {
  constructor(canvas) {
    this.canvas = canvas;
    this.points = [];
    this.current = -1;
    this.request = 0;
  }

  /** Loads the schedule for a run of `steps` steps; a newer call wins over a slower older one. */
  async load(name, steps) {
    const ticket = ++this.request;
    const query = new URLSearchParams({ steps: String(steps) });
    if (name) query.set("name", name);
    const response = await fetch(`/api/schedule?${query}`);
    if (!response.ok || ticket !== this.request) return;
    this.points = (await response.json()).points;
    this.draw();
  }

  mark(index) {
    this.current = index;
    this.draw();
  }

  draw() {
    const { canvas, points } = this;
    const context = canvas.getContext("2d");
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth || canvas.width;
    const height = Math.round(width * 0.45);
    canvas.width = width * ratio;
    canvas.height = height * ratio;
    context.scale(ratio, ratio);
    context.clearRect(0, 0, width, height);
    if (!points.length) return;

    const fontSize = Math.max(11, Math.round(width / 24));
    context.font = `${fontSize}px system-ui, sans-serif`;
    const top = 4;
    const bottom = height - fontSize - 8;
    const plotHeight = bottom - top;
    const step = width / points.length;
    const gap = step > 4 ? 1 : 0;
    points.forEach((point, i) => {
      const x = i * step;
      const picture = point.alpha_bar * plotHeight;
      const faded = this.current >= 0 && i > this.current;
      context.globalAlpha = faded ? 0.25 : 1;
      context.fillStyle = AMBER;
      context.fillRect(x, top, step - gap, plotHeight - picture);
      context.fillStyle = TEAL;
      context.fillRect(x, bottom - picture, step - gap, picture);
    });
    context.globalAlpha = 1;
    if (this.current >= 0 && this.current < points.length) {
      context.strokeStyle = "#fff";
      context.lineWidth = 2;
      context.strokeRect(this.current * step + 1, top + 1, Math.max(step - gap - 2, 2), plotHeight - 2);
    }
    context.fillStyle = LABEL;
    context.textBaseline = "bottom";
    context.textAlign = "left";
    context.fillText("start: all dust", 0, height - 2);
    context.textAlign = "right";
    context.fillText("end: picture", width, height - 2);
  }
}
