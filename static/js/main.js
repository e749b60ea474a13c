// The page: wires the settings, the live connection, the film of the current run and the timeline.

import { Connection } from "./connection.js";
import { Controls } from "./controls.js";
import { Film, paint, upscaledPng } from "./film.js";
import { frameReader } from "./frames.js";
import { bindKeys, syncProjectorWithFullscreen, toggleProjector } from "./keys.js";
import { formatSigma, pictureShare } from "./numbers.js";
import { bindSquint } from "./squint.js";
import { Player } from "./player.js";
import { ScheduleChart } from "./chart.js";
import { Classroom } from "./room.js";
import { showReading } from "./reading.js";

const $ = (id) => document.getElementById(id);
const canvases = { x_t: $("dusty"), pred_x0: $("guess"), pred_noise: $("noise"), latent: $("sketchbook") };

const state = {
  phase: "idle", // idle | asked (generate sent) | queued | drawing | stopping
  jobId: null,
  film: null,
  restart: null, // a generate to send once the stopping run has ended
  drawOnConnect: false, // the page was opened from a gallery's "run again" link
  view: "mine", // whose run the big panels show: "mine", or in a room "teacher"
  ownProgress: { fraction: 0, html: "" }, // this tab's own progress line, kept while the teacher's is shown
};

function setPhase(phase) {
  state.phase = phase;
  const busy = phase !== "idle";
  const go = $("go");
  go.textContent = busy ? "Stop" : "Draw it";
  go.classList.toggle("stop", busy);
  go.disabled = phase === "stopping";
}

function say(text, tone = "error") {
  const box = $("message");
  box.textContent = text ?? "";
  box.dataset.tone = tone;
  box.hidden = !text;
}

function progress(fraction, html, whose = "mine") {
  if (whose === "mine") state.ownProgress = { fraction, html };
  if (whose !== state.view) return;
  $("progress-fill").style.width = `${Math.round(fraction * 100)}%`;
  $("progress-text").innerHTML = html;
}

// A sketchbook team's dust lies in its sketch: the decoder paints a dusty sketch as coloured confetti on white.
const PAINTED_DUST_HINT = "the dusty sketch, painted: early dust comes out as coloured confetti";

/** How to replay on this device: a phone or tablet has no Space bar. */
function replayHint() {
  return matchMedia("(hover: none)").matches ? "Tap ▶ to replay." : "Press Space to replay.";
}

/** The film the big panels show: this tab's own run, or the teacher's in a room. */
function viewed() {
  return state.view === "teacher" ? classroom.film : state.film;
}

/** Puts one film on the stage: blank panels at its size, its timeline, its clock. */
function stage(film) {
  player.attach(film);
  for (const canvas of Object.values(canvases)) paint(canvas, [], film?.size ?? 32, film?.numImages ?? 1);
  $("sketchbook-panel").hidden = !film?.sketchbook;
  $("dusty-hint").textContent = film?.sketchbook ? PAINTED_DUST_HINT : "what the picture looks like right now";
  if (film) chart.load(film.schedule, film.total);
  player.refresh();
}

function setView(view) {
  if (view === state.view) return;
  state.view = view;
  $("view-teacher").setAttribute("aria-checked", String(view === "teacher"));
  $("view-mine").setAttribute("aria-checked", String(view === "mine"));
  stage(viewed());
  showReading(viewed()?.reading, viewed()?.drew);
  if (view === "mine") progress(state.ownProgress.fraction, state.ownProgress.html);
  else progress(0, "The teacher's drawing shows here as it happens.", "teacher");
}

/** The teacher's run in a room: it takes the stage when this student is not drawing. */
function onTeacher(event, m) {
  const film = classroom.film;
  if (event === "start") {
    if (state.phase === "idle") setView("teacher");
    if (state.view === "teacher") stage(film);
    progress(0, `The teacher is drawing with seed <b>${m.seed}</b>…`, "teacher");
    if (state.view === "teacher") showReading(m.reading);
  } else if (event === "step") {
    progress((m.index + 1) / film.total, `Teacher: ${describeStep(m, film.total)}`, "teacher");
  } else if (event === "done") {
    progress(1, `<b>The teacher's picture is done</b> (seed ${m.seed}). ${replayHint()}`, "teacher");
    film.drew = m.drew ?? null;
    if (state.view === "teacher") showReading(film.reading, film.drew);
  } else if (event === "end") {
    progress(0, "The teacher stopped that one.", "teacher");
  }
  if (state.view === "teacher") player.refresh();
}

function describeStep(meta, total) {
  const detail = `timestep ${Math.round(meta.timestep)}, noise level σ = ${formatSigma(meta.sigma)}`;
  return `<b>Step ${meta.index + 1} of ${total}</b> · ${pictureShare(meta.alpha_bar)} <span class="detail">(${detail})</span>`;
}

function show(position) {
  const film = viewed();
  const pictures = film?.pictures(position);
  if (!pictures) return;
  for (const [kind, canvas] of Object.entries(canvases)) paint(canvas, pictures[kind], film.size, film.numImages);
  // A busy server paints a sketchbook run every few steps; the steps between show the cheap latent → RGB preview.
  const preview = position !== "final" && Boolean(pictures.meta?.preview);
  for (const canvas of [canvases.x_t, canvases.pred_x0]) canvas.parentElement.dataset.preview = String(preview);
  if (pictures.meta) chart.mark(position === "final" ? film.total : pictures.meta.index);
}

async function offerDownloads(film, done) {
  const png = $("download-png");
  URL.revokeObjectURL(png.href);
  png.href = URL.createObjectURL(await upscaledPng(film));
  png.download = `${done.file_stem}.png`;
  png.hidden = false;
  const gif = $("download-gif");
  gif.href = done.gif_url;
  gif.download = `${done.file_stem}.gif`;
  gif.hidden = false;
}

function hideDownloads() {
  $("download-png").hidden = $("download-gif").hidden = true;
}

function ended() {
  setPhase("idle");
  state.jobId = null;
  if (state.restart) {
    const { message, typing } = state.restart;
    state.restart = null;
    send(message, { typing });
  }
}

function send(message, { typing = false } = {}) {
  if (!connection.send(message)) {
    say("Not connected to the drawing server right now; it will reconnect by itself in a moment.");
    return;
  }
  say(null);
  if (!typing) document.activeElement?.blur(); // so Space, arrows and F control the show straight away
  setPhase("asked");
  progress(0, "Asking the model…");
}

/** Enter or the button: draw, stop, or (Enter while drawing) stop and start over with the new words. `typing`: a
 * quick redraw as the words change, from the same dust, leaving the cursor in the box. */
function generate({ restart, typing = false }) {
  const prompt = $("prompt").value.trim();
  if (state.phase !== "idle") {
    if (restart && prompt) state.restart = { message: controls.message(prompt, { keepSeed: typing }), typing };
    if (state.phase === "stopping") return;
    connection.send({ type: "cancel" });
    setPhase("stopping");
    return;
  }
  if (!prompt) {
    if (typing) return;
    say("Type a few words first, for example “a smiling cat face”.", "info");
    $("prompt").focus();
    return;
  }
  send(controls.message(prompt, { keepSeed: typing }), { typing });
}

const TYPING_PAUSE_MS = 300; // quick on, the picture is redrawn once typing pauses this long
let typingTimer = null;

function redrawAsTyped() {
  clearTimeout(typingTimer);
  if (controls.quick) typingTimer = setTimeout(() => generate({ restart: true, typing: true }), TYPING_PAUSE_MS);
}

const handlers = {
  hello() {
    classroom.connected();
    if (state.drawOnConnect) {
      state.drawOnConnect = false; // once: a reconnect later must not draw it again
      generate({ restart: false });
    }
  },
  heartbeat() {},
  accepted(m) {
    state.jobId = m.job_id;
  },
  queued(m) {
    state.jobId = m.job_id;
    if (state.phase !== "stopping") setPhase("queued");
    progress(0, m.position === 1 ? "Waiting: yours is next in line." : `Waiting: yours is number ${m.position} in line.`);
  },
  start(m) {
    state.jobId = m.job_id;
    state.film = new Film(m);
    if (state.phase !== "stopping") setPhase("drawing");
    hideDownloads();
    if (state.view === "mine") stage(state.film);
    else setView("mine"); // a student who draws watches their own run
    progress(0, `Sprinkling dust with seed <b>${m.seed}</b>…`);
    showReading(m.reading);
  },
  step(m) {
    if (m.job_id !== state.film?.jobId) return;
    state.film.addStep(m);
    progress((m.index + 1) / state.film.total, describeStep(m, state.film.total));
  },
  async done(m) {
    const film = state.film;
    ended();
    await film.finish();
    if (film !== state.film) return; // a newer run already took the stage
    if (state.view === "mine") player.refresh();
    const skipped = film.total - film.steps.size;
    const seconds = (m.timings.total_ms / 1000).toFixed(1);
    const were = skipped === 1 ? "1 step was" : `${skipped} steps were`;
    const note = skipped > 0 ? ` (${were} skipped on the way to keep up with a slow link)` : "";
    progress(1, `<b>Done!</b> ${film.total} steps in ${seconds} s with seed ${m.seed}.${note} ${replayHint()}`);
    film.drew = m.drew ?? null;
    showReading(film.reading, film.drew);
    offerDownloads(film, m);
  },
  cancelled(m) {
    const ran = m.job_id === state.film?.jobId;
    if (ran && state.view === "mine") player.refresh();
    if (!state.restart) {
      progress(0, ran ? `Stopped after ${m.steps_done} of ${state.film.total} steps.` : "Stopped before it started.");
    }
    ended();
  },
  error(m) {
    say(m.message, m.code === "blocked_words" ? "info" : "error"); // the school's list: a gentle word, not an alarm
    if (m.job_id === state.jobId || state.phase === "asked") {
      progress(0, ""); // the red message says why; "Asking the model…" would say it is still trying
      ended();
    }
  },
};

let controls, player, chart, connection, classroom;

function forgetRunAgain(query) {
  // The run-again link draws once: a reload keeps the room (if any) but does not draw the same picture again.
  const kept = new URLSearchParams([...query].filter(([name]) => name === "room"));
  history.replaceState(null, "", `${location.pathname}${kept.size ? `?${kept}` : ""}${location.hash}`);
}

async function boot() {
  const response = await fetch("/api/options");
  const options = await response.json();
  controls = new Controls(options);
  const query = new URLSearchParams(location.search);
  controls.fill(query); // "Run again with this seed" from the gallery: fill the form, then draw once connected
  state.drawOnConnect = Boolean(query.get("prompt")?.trim());
  if (state.drawOnConnect) forgetRunAgain(query);
  chart = new ScheduleChart($("chart"));
  player = new Player({ play: $("play"), scrub: $("scrub"), label: $("scrub-label"), speed: $("speed") }, show);
  $("untrained").hidden = options.trained;
  const book = options.sketchbook;
  if (book) {
    $("sketchbook-hint").title =
      `The model draws a small ${book.latent_size}×${book.latent_size} sketch with ${book.latent_channels} channels ` +
      "(one grey tile each); a decoder paints it into the picture, as in Stable Diffusion";
  }

  const loadChart = () => chart.load($("schedule").value, Number($("steps").value));
  controls.onScheduleChange(loadChart);
  loadChart();
  window.addEventListener("resize", () => chart.draw());

  const parse = frameReader(options.frame);
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  connection = new Connection(`${scheme}://${location.host}/ws`, {
    onMessage: (message) => classroom.message(message) || handlers[message.type]?.(message),
    onFrame: (buffer) => {
      const frame = parse(buffer);
      if (classroom.frame(frame) || frame.jobId !== state.film?.jobId) return;
      const film = state.film;
      film.addFrame(frame).then(() => film === viewed() && player.refresh());
    },
    onStatus: (kind, words) => {
      const status = $("status");
      status.dataset.state = kind;
      status.textContent = words;
    },
    onLost: () => {
      if (state.phase === "idle") return;
      say("The connection dropped while drawing. It reconnects by itself; then press Draw it again.");
      state.restart = null;
      ended();
    },
  });
  classroom = new Classroom((message) => connection.send(message), onTeacher);
  $("view-teacher").addEventListener("click", () => setView("teacher"));
  $("view-mine").addEventListener("click", () => setView("mine"));
  connection.connect();

  $("prompt-form").addEventListener("submit", (event) => {
    event.preventDefault();
    generate({ restart: true });
  });
  for (const id of ["prompt", "negative"]) {
    $(id).addEventListener("paste", (event) => {
      const box = event.target;
      const kept = box.value.length - (box.selectionEnd - box.selectionStart);
      const pasted = event.clipboardData?.getData("text") ?? "";
      if (kept + pasted.length > box.maxLength) {
        say(`Only the first ${box.maxLength} characters fit in the box; the rest of what you pasted was left out.`, "info");
      }
    });
  }
  $("prompt").addEventListener("input", redrawAsTyped);
  $("prompt").addEventListener("keydown", (event) => {
    // Enter in the box means "draw these words", even mid-run: the form's implicit submit would instead
    // click the default button, which is "Stop" while drawing.
    if (event.key !== "Enter" || event.isComposing) return;
    event.preventDefault();
    generate({ restart: true });
  });
  $("go").addEventListener("click", (event) => {
    if (state.phase === "idle") return; // the form's submit handles drawing
    event.preventDefault();
    generate({ restart: false });
  });
  const projector = () => {
    toggleProjector();
    chart.draw();
  };
  $("projector").addEventListener("click", projector);
  bindSquint($("squint"), $("dusty"));
  syncProjectorWithFullscreen(() => chart.draw());
  bindKeys(
    {
      generate: () => generate({ restart: true }),
      toggle: () => player.toggle(),
      step: (delta) => player.stepBy(delta),
      projector,
      room: () => document.body.classList.toggle("room-tucked"), // the room card in projector mode
      quick: () => $("quick").hidden || $("quick").click(),
    },
    $("scrub"),
  );
  $("prompt").focus();
}

boot().catch(() => say("Couldn't reach the drawing server. Is it running? Reload the page to try again."));
