// What every lesson page shares: the projector button, keys, and a line for messages.

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
