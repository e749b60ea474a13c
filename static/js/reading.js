// How the model read the prompt, in one line beside the picture: words it was never taught, and, when the prompt
// names two or more things, that it draws one thing at a time (and, once done, which one the picture looks like).

const quoted = (words) => words.map((word) => `“${word}”`);

function listed(items) {
  if (items.length < 2) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** The sentence for a run's `reading` (from its start message) and `drew` (from its done message), or "". */
export function readingSentence(reading, drew = null) {
  if (!reading) return "";
  const sentences = [];
  const { untaught, things } = reading;
  if (untaught.length) {
    const rest = things.length ? "so I drew from the other words" : "so I drew from the words I know, or from dust alone";
    sentences.push(`I was never taught ${listed(quoted(untaught))}, ${rest}.`);
  }
  if (things.length > 1) {
    const which = drew ? ` This picture looks most like the ${drew}.` : "";
    sentences.push(`You named ${listed(things.map((thing) => `the ${thing}`))}, but I draw one thing at a time.${which}`);
  }
  return sentences.join(" ");
}

/** Shows the sentence in the page's reading line, or hides the line when there is nothing to say. */
export function showReading(reading, drew = null) {
  const line = document.getElementById("reading");
  line.textContent = readingSentence(reading, drew);
  line.hidden = !line.textContent;
}
