// Live lesson runs over /ws/lessons: a JSON `step`, then that step's panels as one PNG, then `done`.

/** Runs one lesson at a time; starting another (or `stop`) closes the old socket, which ends its run. */
export class LiveLesson {
  constructor() {
    this.socket = null;
  }

  /** Sends `message`; calls onStep(meta, sheet) in order for every step; resolves with `done`. */
  run(message, onStep) {
    this.stop();
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    const socket = new WebSocket(`${scheme}://${location.host}/ws/lessons`);
    this.socket = socket;
    let painted = Promise.resolve();
    let meta = null;
    let answered = false; // done or error arrived: the close that follows is ours
    return new Promise((resolve, reject) => {
      socket.onopen = () => socket.send(JSON.stringify(message));
      socket.onerror = () => reject(new Error("Lost the connection to the model; try again."));
      // A refused socket (the class is full) is accepted, then closed with a reason before any answer.
      socket.onclose = (event) => {
        if (!answered) reject(new Error(event.reason || "Lost the connection to the model; try again."));
      };
      socket.onmessage = (event) => {
        if (typeof event.data !== "string") {
          const step = meta;
          painted = painted.then(async () => {
            const image = await createImageBitmap(event.data);
            onStep(step, { image, size: image.height, columns: image.width / image.height });
          });
          return;
        }
        const m = JSON.parse(event.data);
        if (m.type === "step") meta = m;
        else {
          answered = true;
          socket.close();
          if (m.type === "done") painted.then(() => resolve(m));
          else reject(new Error(m.message));
        }
      };
    });
  }

  stop() {
    this.socket?.close();
    this.socket = null;
  }
}
