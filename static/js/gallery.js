// The gallery page: a teacher (this tab holds their room's key) can keep a picture whatever the gallery's budget.

import { KEY_STORE } from "./room.js"; // set by the main page when this tab opened a room

const key = sessionStorage.getItem(KEY_STORE);

async function toggle(button) {
  const pinned = button.getAttribute("aria-pressed") !== "true";
  const response = await fetch(`/api/gallery/${button.dataset.id}/pin`, {
    method: "POST",
    headers: { "content-type": "application/json", "teacher-key": key },
    body: JSON.stringify({ pinned }),
  });
  if (!response.ok) return;
  const item = await response.json();
  button.setAttribute("aria-pressed", String(item.pinned));
  button.textContent = item.pinned ? "Kept" : "Keep";
}

if (key) {
  for (const button of document.querySelectorAll("button.pin")) {
    button.hidden = false;
    button.addEventListener("click", () => toggle(button));
  }
}
