// The class's latest pictures, one per student, newest first: the teacher's grid and the projector wall. Each
// student's chosen name shows under their picture; in the teacher's own tab (it holds the room's key) each picture
// also has a Hide button, which takes it off every wall, the class grid and the gallery.

/** Fills `list` with the room's latest pictures: true when shown, false when the room is gone, and null while the
 * server does not answer (the list keeps what it showed; the next refresh asks again). `key`, the room's teacher
 * key, adds the Hide buttons. */
export async function showLatest(list, code, { size = 96, key = null } = {}) {
  let response;
  try {
    response = await fetch(`/api/rooms/${code}/latest`);
  } catch {
    return null;
  }
  if (!response.ok) return false;
  const items = await response.json();
  const shown = JSON.stringify(items.map((item) => [item.id, item.record.nickname]));
  if (list.dataset.shown === shown) return true; // the same pictures: keep them, and the focus on a Hide button
  list.dataset.shown = shown;
  list.replaceChildren(...items.map((item) => tile(item, size, key)));
  return true;
}

function tile(item, size, key) {
  const li = document.createElement("li");
  li.className = "gallery-item";
  const img = new Image(size, size);
  img.src = item.picture_url;
  img.alt = item.record.prompt;
  const words = document.createElement("p");
  words.className = "gallery-prompt";
  words.textContent = item.record.prompt;
  li.append(img, words);
  if (item.record.nickname) {
    const name = document.createElement("p");
    name.className = "gallery-name";
    name.textContent = item.record.nickname; // text, never markup
    li.append(name);
  }
  if (key) li.append(hideButton(item, key, li));
  return li;
}

function hideButton(item, key, li) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "hide";
  button.textContent = "Hide";
  const by = item.record.nickname ? ` by ${item.record.nickname}` : "";
  button.setAttribute("aria-label", `Hide the picture “${item.record.prompt}”${by}`);
  button.title = "Take this picture off the wall, the class grid and the gallery";
  button.addEventListener("click", async () => {
    button.disabled = true;
    const response = await fetch(`/api/gallery/${item.id}/hide`, {
      method: "POST",
      headers: { "content-type": "application/json", "teacher-key": key },
      body: JSON.stringify({ hidden: true }),
    }).catch(() => null);
    if (response?.ok) li.remove(); // at once here; every other wall drops it on its next refresh
    else button.disabled = false;
  });
  return button;
}
