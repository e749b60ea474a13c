// What every lesson page shares: the projector button, keys, a line for messages, the server's JSON and its refusals.

import { bindKeys, syncProjectorWithFullscreen, toggleProjector } from "../keys.js";

document.getElementById("projector").addEventListener("click", () => toggleProjector());
syncProjectorWithFullscreen(() => window.dispatchEvent(new Event("resize")));

/** Space, ←/→ and Enter as a lesson needs them (the slider keeps them while focused); F is projector mode. */
export function bindLessonKeys({ toggle = () => {}, step = () => {}, generate = () => {} } = {}, slider = null) {
  bindKeys(
    {
      generate,
      toggle,
      step,
      projector: () => {
        toggleProjector();
        window.dispatchEvent(new Event("resize"));
      },
    },
    slider,
  );
}

/** Shows a sentence to the class, or hides the box when `text` is null. */
export function say(text, tone = "error") {
  const box = document.getElementById("message");
  box.textContent = text ?? "";
  box.dataset.tone = tone;
  box.hidden = !text;
}

/** The prompt-and-seed form of a live lesson: Enter or the button calls run({ prompt, seed }) and reports errors. */
export function liveForm(run) {
  const form = document.getElementById("run-form");
  const button = document.getElementById("go");
  const go = async () => {
    const prompt = document.getElementById("prompt").value.trim();
    const seed = Number(document.getElementById("seed").value) || 0;
    if (!prompt) {
      say("Type a few words first, for example “a red apple”.", "info");
      return;
    }
    say(null);
    button.disabled = true;
    try {
      await run({ prompt, seed });
    } catch (error) {
      say(error.message);
    } finally {
      button.disabled = false;
    }
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    go();
  });
  return go;
}

/** The JSON answer of a lesson route; a refusal throws the server's own sentence. */
export async function getJSON(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(await problem(response));
  return response.json();
}

/** The sentence in an error response: FastAPI's `detail`, a string or a list of field errors (never "[object Object]"). */
export async function problem(response) {
  try {
    const { detail } = await response.json();
    if (typeof detail === "string") return detail;
    return detail.map((item) => item.msg ?? String(item)).join("; ");
  } catch {
    return `The server said ${response.status}.`;
  }
}

/**
 * Starts a lesson page: `start(options)` gets the server's /api/options (its limits, defaults and `lessons` settings),
 * the "untrained" note shows when the weights are random, the page is marked ready once `start` resolves (browser
 * tests wait for that), and any failure is said in the message box.
 */
export function lessonPage(start) {
  const run = async () => {
    const options = await getJSON("/api/options");
    const untrained = document.getElementById("untrained");
    if (untrained) untrained.hidden = options.trained;
    await start(options);
    document.body.dataset.ready = "true";
  };
  return run().catch((error) => say(error.message));
}
