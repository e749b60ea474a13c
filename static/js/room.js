// Classroom rooms (docs/protocol.md): a teacher opens a room and shows its code and QR code; students who
// join watch the teacher's runs live beside their own. The teacher also sees each student's latest picture.

import { paint } from "./film.js";

const $ = (id) => document.getElementById(id);
const KEY_STORE = "dust-room-key"; // lets a teacher's page keep its room across reconnects
const GRID_REFRESH_MS = 5000;

export class Classroom {
  constructor(send) {
    this.send = send;
    this.teacherJob = null; // the job id of the teacher's run this student is watching
    this.size = 32;
    this.count = 1;
    this.pictures = { x_t: [], pred_x0: [] };
    this.gridTimer = null;
    $("teach").addEventListener("click", () => this.send({ type: "open_room" }));
  }

  /** After every (re)connect: rejoin the room in the address, or take back the room this tab teaches. */
  connected() {
    const key = sessionStorage.getItem(KEY_STORE);
    if (key) this.send({ type: "open_room", key });
    const code = new URLSearchParams(location.search).get("room");
    if (code) this.send({ type: "join_room", code });
  }

  /** Handles room messages and the teacher's run; false for anything that belongs to this tab's own run. */
  message(m) {
    if (m.type === "room") return this.teach(m), true;
    if (m.type === "joined") return this.watch(m), true;
    if (m.type === "broadcast") {
      this.teacherJob = m.job_id;
      $("teacher-caption").textContent = `The teacher is drawing “${m.prompt}”…`;
      return true;
    }
    if (m.job_id == null || m.job_id !== this.teacherJob) return false;
    if (m.type === "start") {
      this.size = m.image_size;
      this.count = m.num_images;
    } else if (m.type === "done") {
      $("teacher-caption").textContent = `The teacher's picture is done (seed ${m.seed}).`;
    } else if (m.type === "cancelled" || m.type === "error") {
      $("teacher-caption").textContent = "The teacher stopped that one.";
    }
    return true;
  }

  /** Draws a frame of the teacher's run; false when the frame is this tab's own. */
  frame(frame) {
    if (frame.jobId !== this.teacherJob) return false;
    const kind = frame.kind === "final" ? null : frame.kind;
    createImageBitmap(frame.blob).then((bitmap) => {
      for (const name of kind ? [kind] : ["x_t", "pred_x0"]) {
        if (!this.pictures[name]) continue;
        this.pictures[name][frame.image] = bitmap;
        paint($(name === "x_t" ? "teacher-dusty" : "teacher-guess"), this.pictures[name], this.size, this.count);
      }
    });
    return true;
  }

  teach(m) {
    sessionStorage.setItem(KEY_STORE, m.key);
    $("room-panel").hidden = $("teacher-side").hidden = false;
    $("room-panel").classList.add("teaching");
    $("room-code").textContent = m.code;
    $("room-qr").src = `/api/rooms/${m.code}/qr.svg`;
    $("room-join").textContent = `${location.origin}${m.join_url}`;
    this.showJoinAddress(m.code).catch(() => {}); // the link above stays: it works on this laptop
    $("room-gallery").href = `/gallery?room=${m.code}`;
    clearInterval(this.gridTimer);
    const refresh = () => this.refreshGrid(m.code);
    refresh();
    this.gridTimer = setInterval(refresh, GRID_REFRESH_MS);
  }

  /** The address students can reach (the LAN one when this page was opened on the laptop itself), and why not. */
  async showJoinAddress(code) {
    const response = await fetch(`/api/rooms/${code}/join`);
    if (!response.ok) return;
    const { url, advice } = await response.json();
    $("room-join").textContent = url;
    $("room-advice").textContent = advice ?? "";
    $("room-advice").hidden = !advice;
  }

  watch(m) {
    $("room-panel").hidden = $("student-side").hidden = false;
    $("teacher-caption").textContent = `You are in room ${m.code}: the teacher's pictures appear here.`;
  }

  async refreshGrid(code) {
    const response = await fetch(`/api/rooms/${code}/latest`);
    if (!response.ok) return;
    const items = await response.json();
    $("class-grid").replaceChildren(
      ...items.map((item) => {
        const li = document.createElement("li");
        li.className = "gallery-item";
        const img = new Image(96, 96);
        img.src = item.picture_url;
        img.alt = item.record.prompt;
        const words = document.createElement("p");
        words.className = "gallery-prompt";
        words.textContent = item.record.prompt;
        li.append(img, words);
        return li;
      }),
    );
  }
}
