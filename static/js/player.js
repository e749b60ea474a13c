// The timeline under the pictures: follows a run live, then scrubs and plays back every stored step.

export class Player {
  /** elements: { play, scrub, label, speed }; show(position) paints one position of the film. */
  constructor(elements, show) {
    this.el = elements;
    this.show = show;
    this.film = null;
    this.positions = [];
    this.following = true; // at the newest step, so new steps keep showing as they arrive
    this.timer = null;
    elements.scrub.addEventListener("input", () => this.goTo(Number(elements.scrub.value)));
    elements.play.addEventListener("click", () => this.toggle());
    elements.speed.addEventListener("change", () => this.playing && this.restartTimer());
  }

  get playing() {
    return this.timer !== null;
  }

  /** A new run: empty timeline, following live. */
  attach(film) {
    this.pause();
    this.film = film;
    this.positions = [];
    this.following = true;
    this.refresh();
  }

  /** New frames or steps arrived: extend the timeline and, when following, show the newest. */
  refresh() {
    this.positions = this.film ? this.film.positions() : [];
    const last = Math.max(this.positions.length - 1, 0);
    const { scrub, play } = this.el;
    scrub.max = String(last);
    scrub.disabled = play.disabled = this.positions.length < 2;
    if (this.following) this.goTo(last);
  }

  goTo(index) {
    if (!this.positions.length) return;
    const last = this.positions.length - 1;
    const clamped = Math.min(Math.max(index, 0), last);
    this.following = clamped === last;
    this.el.scrub.value = String(clamped);
    const position = this.positions[clamped];
    this.el.label.textContent =
      position === "final" ? "Finished picture" : `Step ${position + 1} of ${this.film.total}`;
    this.show(position);
  }

  stepBy(delta) {
    this.pause();
    this.goTo(Number(this.el.scrub.value) + delta);
  }

  toggle() {
    if (this.playing) {
      this.pause();
    } else if (this.positions.length > 1) {
      if (this.following) this.goTo(0);
      this.restartTimer();
    }
  }

  restartTimer() {
    clearInterval(this.timer);
    this.timer = setInterval(() => {
      this.goTo(Number(this.el.scrub.value) + 1);
      if (this.following) this.pause();
    }, 1000 / Number(this.el.speed.value));
    this.el.play.textContent = "❚❚";
    this.el.play.setAttribute("aria-label", "Pause");
  }

  pause() {
    clearInterval(this.timer);
    this.timer = null;
    this.el.play.textContent = "▶";
    this.el.play.setAttribute("aria-label", "Play");
  }
}
