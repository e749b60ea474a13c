// The settings panel, built from /api/options so names, labels, limits and defaults come from the server.

const $ = (id) => document.getElementById(id);

export class Controls {
  constructor(options) {
    this.options = options;
    const { limits, defaults } = options;
    this.quick = false;
    this.segmented($("backbone"), options.backbones.map((c) => [c.name, c.label]), defaults.backbone, (name) => {
      $("backbone-hint").textContent = hintOf(options.backbones, name);
      this.offerQuick(name);
    });
    $("quick").addEventListener("click", () => this.setQuick(!this.quick));
    const counts = Array.from({ length: limits.max_num_images }, (_, i) => [String(i + 1), String(i + 1)]);
    this.segmented($("num-images"), counts, String(defaults.num_images));

    this.range($("steps"), $("steps-value"), limits.max_steps, defaults.steps, (v) => v);
    this.range($("guidance"), $("guidance-value"), limits.max_guidance_scale, defaults.guidance_scale, (v) =>
      Number(v).toFixed(1),
    );
    this.select($("sampler"), options.samplers, defaults.sampler, $("sampler-hint"));
    const own = options.schedules.find((c) => c.name === options.training_schedule);
    const schedules = [{ name: "", label: `The model's own (${own?.label ?? options.training_schedule})`, hint: own?.hint ?? "" }];
    this.select($("schedule"), schedules.concat(options.schedules), "", $("schedule-hint"));

    $("seed").max = String(limits.max_seed);
    $("dice").addEventListener("click", () => this.rollSeed());
    $("seed-lock").addEventListener("click", () => this.lockSeed($("seed-lock").getAttribute("aria-pressed") !== "true"));
    $("seed").addEventListener("input", () => this.lockSeed(true)); // a seed typed in is one to keep
    this.rollSeed();
    $("prompt").maxLength = $("negative").maxLength = limits.max_prompt_chars;
  }

  /** Sets the controls from a gallery link's query (prompt, seed, steps, …); unknown values are ignored. */
  fill(query) {
    const text = { prompt: "prompt", negative_prompt: "negative", seed: "seed", steps: "steps", guidance_scale: "guidance" };
    for (const [name, id] of Object.entries(text)) {
      if (query.has(name)) $(id).value = query.get(name);
    }
    if (query.has("seed")) this.lockSeed(true); // "run again" means this very dust
    for (const [name, id] of [["sampler", "sampler"], ["schedule", "schedule"]]) {
      const known = [...$(id).options].some((option) => option.value === query.get(name));
      if (known) $(id).value = query.get(name);
    }
    for (const [name, id] of [["backbone", "backbone"], ["num_images", "num-images"]]) {
      $(id).querySelector(`[data-value="${CSS.escape(query.get(name) ?? "")}"]`)?.click();
    }
    if (query.get("quick") === "True") this.setQuick(true); // the gallery's link writes Python's True
    for (const id of ["steps", "guidance", "sampler", "schedule"]) $(id).dispatchEvent(new Event("input"));
    for (const id of ["steps", "schedule", "sampler"]) $(id).dispatchEvent(new Event("change"));
  }

  rollSeed() {
    $("seed").value = String(Math.floor(Math.random() * 100000));
  }

  /** Locked, every press draws from the seed shown ("same seed, same picture"); unlocked, from new dust each time. */
  lockSeed(locked) {
    $("seed-lock").setAttribute("aria-pressed", String(locked));
    $("seed-lock").textContent = locked ? "🔒" : "🔓";
  }

  /** The steps the current team's few-step student draws in; 0 where it has none. */
  quickSteps(name = checked($("backbone"))) {
    return this.options.quick_steps[name] ?? 0;
  }

  /** The quick switch shows only for a team with a few-step student. */
  offerQuick(name) {
    $("quick").hidden = !this.quickSteps(name);
    if (this.quick) this.setQuick(Boolean(this.quickSteps(name)));
  }

  /** Quick on: the student draws in its own few steps with the hint baked in, so those settings rest. */
  setQuick(on) {
    const steps = this.quickSteps();
    this.quick = on && steps > 0;
    $("quick").setAttribute("aria-pressed", String(this.quick));
    $("quick-hint").hidden = !this.quick;
    $("quick-hint").textContent = this.quick
      ? `Quick: a student model that learned to skip steps draws in ${steps} steps, and redraws as you type. ` +
        "It keeps the seed, so only your words change the picture."
      : "";
    $("steps-value").textContent = this.quick ? `${steps} (quick)` : $("steps").value;
    for (const id of ["steps", "guidance", "sampler", "negative", "schedule"]) {
      $(id).disabled = this.quick;
      $(id).closest(".field").classList.toggle("quick-off", this.quick);
    }
  }

  /** The `generate` message for the current settings (see docs/protocol.md); each press rolls new dust unless the
   * seed is locked or `keepSeed` (a quick redraw as the words are typed). */
  message(prompt, { keepSeed = false } = {}) {
    if (!keepSeed && $("seed-lock").getAttribute("aria-pressed") !== "true") this.rollSeed();
    const seed = $("seed").value.trim();
    return {
      type: "generate",
      prompt,
      negative_prompt: $("negative").value,
      steps: Number($("steps").value),
      guidance_scale: Number($("guidance").value),
      seed: seed === "" ? null : Number(seed),
      sampler: $("sampler").value,
      backbone: checked($("backbone")),
      num_images: Number(checked($("num-images"))),
      schedule: $("schedule").value || null,
      quick: this.quick,
    };
  }

  /** Calls back whenever a setting that changes the schedule chart changes. */
  onScheduleChange(callback) {
    for (const id of ["steps", "schedule"]) $(id).addEventListener("change", callback);
  }

  range(input, output, max, value, format) {
    input.max = String(max);
    input.value = String(value);
    const update = () => (output.textContent = format(input.value));
    input.addEventListener("input", update);
    update();
  }

  select(element, choices, value, hint) {
    element.replaceChildren(...choices.map((c) => new Option(c.label, c.name)));
    element.value = value;
    const update = () => (hint.textContent = hintOf(choices, element.value));
    element.addEventListener("change", update);
    update();
  }

  segmented(group, items, value, onChange = () => {}) {
    const buttons = items.map(([name, label]) => {
      const button = document.createElement("button");
      button.type = "button";
      button.role = "radio";
      button.dataset.value = name;
      button.textContent = label;
      button.addEventListener("click", () => choose(name));
      return button;
    });
    const choose = (name) => {
      for (const b of buttons) b.setAttribute("aria-checked", String(b.dataset.value === name));
      onChange(name);
    };
    group.replaceChildren(...buttons);
    choose(value);
  }
}

function checked(group) {
  return group.querySelector('[aria-checked="true"]').dataset.value;
}

function hintOf(choices, name) {
  const choice = choices.find((c) => c.name === name);
  return choice?.hint ? `${choice.label}: ${choice.hint}.` : "";
}
