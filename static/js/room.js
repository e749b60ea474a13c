// Classroom rooms (docs/protocol.md): a teacher opens a room and shows its code and QR code; students who
// join watch the teacher's runs live, as a film of their own that the page can show in its main panels.
// The teacher also sees each student's latest picture.

import { showLatest } from "./class-grid.js";
import { Film } from "./film.js";

const $ = (id) => document.getElementById(id);
export const KEY_STORE = "dust-room-key"; // lets a teacher's page keep its room across reconnects
const ROOM_STORE = "dust-room-code"; // the room that key opens: its wall offers Hide, no other room's does
const NAME_STORE = "dust-student-name"; // the name a student chose for under their pictures, kept across reconnects
const GRID_REFRESH_MS = 5000;

/** The room's key when this tab teaches room `code` (or was opened from the tab that does), else null. */
export function teacherKey(code) {
  return sessionStorage.getItem(ROOM_STORE) === code ? sessionStorage.getItem(KEY_STORE) : null;
}

export class Classroom {
  /** `onTeacher(event, message)` hears of the teacher's run: "start", "step", "frame", "done" and "end". */
  constructor(send, onTeacher = () => {}) {
    this.send = send;
    this.onTeacher = onTeacher;
    this.teacherJob = null; // the job id of the teacher's run this student is watching
    this.film = null; // that run, kept like the student's own
    this.gridTimer = null;
    $("teach").addEventListener("click", () => {
      this.send({ type: "open_room" });
      $("prompt").focus(); // the teacher types next: Enter must draw, not open the room again
    });
    $("name-form").addEventListener("submit", (event) => {
      event.preventDefault(); // Enter in the name box saves the name; it does not draw
      this.send({ type: "set_name", name: $("student-name").value });
    });
  }

  /** After every (re)connect: rejoin the room in the address, or take back the room this tab teaches. */
  connected() {
    const key = sessionStorage.getItem(KEY_STORE);
    if (key) this.send({ type: "open_room", key });
    const code = new URLSearchParams(location.search).get("room");
    if (!code) return;
    this.send({ type: "join_room", code });
    const name = sessionStorage.getItem(NAME_STORE);
    if (name) this.send({ type: "set_name", name });
  }

  /** Handles room messages and the teacher's run; false for anything that belongs to this tab's own run. */
  message(m) {
    if (m.type === "room") return this.teach(m), true;
    if (m.type === "joined") return this.watch(m), true;
    if (m.type === "named") return this.named(m), true;
    if (m.type === "broadcast") {
      this.teacherJob = m.job_id;
      $("teacher-caption").textContent = `The teacher is drawing “${m.prompt}”…`;
      return true;
    }
    if (m.job_id == null || m.job_id !== this.teacherJob) return false;
    if (m.type === "start") {
      this.film = new Film(m);
      this.onTeacher("start", m);
    } else if (m.type === "step" && this.film) {
      this.film.addStep(m);
      this.onTeacher("step", m);
    } else if (m.type === "done" && this.film) {
      $("teacher-caption").textContent = `The teacher's picture is done (seed ${m.seed}).`;
      const film = this.film;
      film.finish().then(() => film === this.film && this.onTeacher("done", m));
    } else if (m.type === "cancelled" || m.type === "error") {
      $("teacher-caption").textContent = "The teacher stopped that one.";
      this.onTeacher("end", m);
    }
    return true;
  }

  /** Files a frame of the teacher's run; false when the frame is this tab's own. */
  frame(frame) {
    if (frame.jobId !== this.teacherJob || !this.film) return false;
    const film = this.film;
    film.addFrame(frame).then(() => film === this.film && this.onTeacher("frame", frame));
    return true;
  }

  teach(m) {
    sessionStorage.setItem(KEY_STORE, m.key);
    sessionStorage.setItem(ROOM_STORE, m.code);
    $("room-panel").hidden = $("teacher-side").hidden = false;
    $("room-panel").classList.add("teaching");
    $("room-code").textContent = m.code;
    $("room-qr").src = `/api/rooms/${m.code}/qr.svg`;
    $("room-join").textContent = `${location.origin}${m.join_url}`;
    this.showJoinAddress(m.code).catch(() => {}); // the link above stays: it works on this laptop
    $("room-gallery").href = `/gallery?room=${m.code}`;
    $("room-wall").href = `/rooms/${m.code}/wall`;
    $("room-wall").rel = "opener"; // a new tab gets a copy of this tab's storage, with the key, only from its opener
    clearInterval(this.gridTimer);
    const refresh = () => showLatest($("class-grid"), m.code, { key: m.key });
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
    $("room-panel").hidden = $("student-side").hidden = $("view-switch").hidden = false;
    $("teacher-caption").textContent = `You are in room ${m.code}: the teacher's runs show in the big panels.`;
    if (!$("student-name").value) $("student-name").value = sessionStorage.getItem(NAME_STORE) ?? "";
  }

  /** The server took the name (tidied): keep it for reconnects, and say what the wall will show. */
  named(m) {
    sessionStorage.setItem(NAME_STORE, m.name);
    $("student-name").value = m.name;
    $("name-said").textContent = m.name
      ? `Your pictures show “${m.name}” on the class wall.`
      : "Your pictures show no name on the class wall.";
  }
}
