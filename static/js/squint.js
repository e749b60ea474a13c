// Squinting at the dusty paper: a blurred view of x_t. The eye then averages the dust away, as the
// model's guess does, and the picture shows through the dust long before it does at full sharpness.

const TYPING = "input, select, textarea, [contenteditable]";

/** The button (and the S key) toggle a blur on the canvas; the button says whether it is on. */
export function bindSquint(button, canvas) {
  const toggle = () => {
    const on = canvas.classList.toggle("squint");
    button.setAttribute("aria-pressed", String(on));
  };
  button.addEventListener("click", toggle);
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.target.closest(TYPING)) return;
    if (event.key === "s" || event.key === "S") toggle();
  });
}
