// One run, kept in the browser: every step's pictures as ImageBitmaps, so the timeline can replay it
// without asking the server again. Positions are the steps whose pictures arrived (a slow link may skip
// some), then the finished picture.

export class Film {
  constructor(start) {
    this.jobId = start.job_id;
    this.seed = start.seed;
    this.total = start.total_steps;
    this.size = start.image_size;
    this.numImages = start.num_images;
    this.sketchbook = Boolean(start.sketchbook); // latent frames follow every step
    this.schedule = start.schedule; // the clock the run samples on, for the chart
    this.reading = start.reading ?? null; // how the model read the prompt: untaught words, things named
    this.drew = null; // of two or more things named, the one it drew (from the done message)
    this.steps = new Map(); // step index -> { meta, x_t: [], pred_x0: [], pred_noise: [], latent: [] }
    this.final = [];
    this.finished = false;
    this.decoding = Promise.resolve(); // settles when every frame so far is decoded
  }

  addStep(meta) {
    this.steps.set(meta.index, { meta, x_t: [], pred_x0: [], pred_noise: [], latent: [] });
  }

  /** Decodes a frame and files it; resolves once it can be drawn. */
  addFrame(frame) {
    const decoded = createImageBitmap(frame.blob).then((bitmap) => {
      const pictures = frame.kind === "final" ? this.final : this.steps.get(frame.step)?.[frame.kind];
      if (pictures) pictures[frame.image] = bitmap;
    });
    this.decoding = Promise.all([this.decoding, decoded]);
    return decoded;
  }

  /** Marks the run complete once every frame received so far can be drawn. */
  async finish() {
    await this.decoding;
    this.finished = true;
  }

  /** Steps whose pictures are all decoded, in order, then "final" once the picture is done. */
  positions() {
    const kinds = this.sketchbook ? ["x_t", "pred_x0", "pred_noise", "latent"] : ["x_t", "pred_x0", "pred_noise"];
    const complete = (step) => kinds.every((kind) => step[kind].filter(Boolean).length === this.numImages);
    const indices = [...this.steps.values()].filter(complete).map((step) => step.meta.index);
    indices.sort((a, b) => a - b);
    return this.finished ? [...indices, "final"] : indices;
  }

  /** What each panel shows at a position: the finished picture fills both big panels. */
  pictures(position) {
    if (position === "final") {
      const last = this.steps.get(this.total - 1);
      return {
        x_t: this.final,
        pred_x0: this.final,
        pred_noise: last?.pred_noise ?? [],
        latent: last?.latent ?? [],
        meta: last?.meta,
      };
    }
    return this.steps.get(position);
  }
}

/** Draws a batch of pictures into a canvas as a near-square grid, one model pixel per canvas pixel. */
export function paint(canvas, bitmaps, size, count) {
  const columns = Math.ceil(Math.sqrt(count));
  const rows = Math.ceil(count / columns);
  const gap = count > 1 ? Math.max(1, Math.round(size / 16)) : 0;
  const width = columns * size + (columns - 1) * gap;
  const height = rows * size + (rows - 1) * gap;
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  const context = canvas.getContext("2d");
  context.imageSmoothingEnabled = false;
  context.clearRect(0, 0, width, height);
  bitmaps.forEach((bitmap, i) => {
    if (bitmap) context.drawImage(bitmap, (i % columns) * (size + gap), Math.floor(i / columns) * (size + gap));
  });
  canvas.classList.toggle("blank", !bitmaps.some(Boolean));
}

/** A PNG of the finished picture, upscaled with hard edges so it stays sharp on a slide. */
export function upscaledPng(film, targetPixels = 512) {
  const scale = Math.max(1, Math.round(targetPixels / film.size));
  const source = document.createElement("canvas");
  paint(source, film.final, film.size, film.numImages);
  const target = document.createElement("canvas");
  target.width = source.width * scale;
  target.height = source.height * scale;
  const context = target.getContext("2d");
  context.imageSmoothingEnabled = false;
  context.drawImage(source, 0, 0, target.width, target.height);
  return new Promise((resolve) => target.toBlob(resolve, "image/png"));
}
