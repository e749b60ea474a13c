// The class's latest pictures, one per student, newest first: the teacher's grid and the projector wall.

/** Fills `list` with the room's latest pictures: true when shown, false when the room is gone, and null while the
 * server does not answer (the list keeps what it showed; the next refresh asks again). */
export async function showLatest(list, code, size = 96) {
  let response;
  try {
    response = await fetch(`/api/rooms/${code}/latest`);
  } catch {
    return null;
  }
  if (!response.ok) return false;
  const items = await response.json();
  list.replaceChildren(
    ...items.map((item) => {
      const li = document.createElement("li");
      li.className = "gallery-item";
      const img = new Image(size, size);
      img.src = item.picture_url;
      img.alt = item.record.prompt;
      const words = document.createElement("p");
      words.className = "gallery-prompt";
      words.textContent = item.record.prompt;
      li.append(img, words);
      return li;
    }),
  );
  return true;
}
