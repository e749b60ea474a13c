// The settings panel, built from /api/options so names, labels, limits and defaults come from the server.

const $ = (id) => document.getElementById(id);

export class Controls {
  constructor(options) {
    this.options = options;
    const { limits, defaults } = options;
    this.segmented($("backbone"), options.backbones.map((c) => [c.name, c.label]), defaults.backbone, (name) => {
      $("backbone-hint").textContent = hintOf(options.backbones, name);
    });
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

  /** The `generate` message for the current settings (see docs/protocol.md); each press rolls new dust unless the
   * seed is locked. */
  message(prompt) {
    if ($("seed-lock").getAttribute("aria-pressed") !== "true") this.rollSeed();
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
