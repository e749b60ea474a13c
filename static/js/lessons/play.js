// A play button for a range input: it moves the slider one position per tick, like a film.

export class SliderPlayer {
  constructor(slider, button, fps = 6) {
    this.slider = slider;
    this.button = button;
    this.fps = fps;
    this.timer = null;
    button.addEventListener("click", () => this.toggle());
  }

  get playing() {
    return this.timer !== null;
  }

  toggle() {
    if (this.playing) this.pause();
    else this.play();
  }

  play() {
    if (Number(this.slider.value) >= Number(this.slider.max)) this.set(Number(this.slider.min));
    this.timer = setInterval(() => {
      this.step(1, false);
      if (Number(this.slider.value) >= Number(this.slider.max)) this.pause();
    }, 1000 / this.fps);
    this.button.textContent = "⏸";
    this.button.setAttribute("aria-label", "Pause");
  }

  pause() {
    clearInterval(this.timer);
    this.timer = null;
    this.button.textContent = "▶";
    this.button.setAttribute("aria-label", "Play");
  }

  /** Moves by `delta` positions; a step by hand pauses the film. */
  step(delta, byHand = true) {
    if (byHand) this.pause();
    this.set(Number(this.slider.value) + delta);
  }

  set(value) {
    const { min, max } = this.slider;
    this.slider.value = String(Math.min(Number(max), Math.max(Number(min), value)));
    this.slider.dispatchEvent(new Event("input"));
  }
}
