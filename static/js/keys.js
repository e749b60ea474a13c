// Keyboard control for a teacher at the front: Space play/pause, ←/→ step, Enter draw, F projector.

/** actions: { generate, toggle, step(delta), projector, room?, quick? }; `timeline` keeps the shortcuts while focused. */
export function bindKeys(actions, timeline) {
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const typing = event.target.closest("input, select, textarea, [contenteditable]");
    if (event.key === "Enter" && !event.target.closest("button, a, summary, form")) {
      event.preventDefault();
      actions.generate();
      return;
    }
    if (event.key === " " && event.target.closest("button, a, summary")) return; // Space presses it
    if (typing && event.key === "Escape") event.target.blur();
    if (typing && event.target !== timeline) return;
    const action = {
      " ": () => actions.toggle(),
      ArrowLeft: () => actions.step(-1),
      ArrowRight: () => actions.step(1),
      f: () => actions.projector(),
      F: () => actions.projector(),
      r: () => actions.room?.(),
      R: () => actions.room?.(),
      q: () => actions.quick?.(),
      Q: () => actions.quick?.(),
    }[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  });
}

/** Projector mode: large, high-contrast, full screen where the browser allows it. */
export function toggleProjector() {
  const on = document.body.classList.toggle("projector");
  if (on && !document.fullscreenElement) {
    document.documentElement.requestFullscreen?.().catch(() => {});
  } else if (!on && document.fullscreenElement) {
    document.exitFullscreen?.();
  }
  return on;
}

/** Leaving full screen with Esc also leaves projector mode, so the two never disagree. */
export function syncProjectorWithFullscreen(onChange) {
  document.addEventListener("fullscreenchange", () => {
    if (!document.fullscreenElement && document.body.classList.contains("projector")) {
      document.body.classList.remove("projector");
      onChange();
    }
  });
}
