"""Progressive distillation (Salimans & Ho 2022) of a guided team into a few-step student, for the fast lane.

Each round a student learns to take in one DDIM step what its teacher takes in two, on the samplers' own trailing
grid (the grid of 2N steps holds the grid of N at every other point). The first teacher is the team with
classifier-free guidance at the app's default scale (guided distillation, Meng et al. 2023), so a student needs one
network call a step, not two; each round's averaged student teaches the next.

    python -m model.training.distil_steps --weights model/weights --team dit --steps 8 4 2 --minutes 10 \\
        --out runs/quick-dit

Writes `<N>-steps/<team>-quick.safetensors` after every round: the N-step student, its config saying the steps it
draws in and the guidance baked into it; it ships beside its team in the weights folder.
"""

import argparse
import copy
import dataclasses
import json
import random
import time
from collections.abc import Callable
from pathlib import Path

import torch
import torch.nn.functional as F

from model.checkpoint import save_checkpoint
from model.conditioning import TextCondition
from model.data.concepts import CONCEPTS
from model.data.dataset import default_data_dir, load_emoji_dataset
from model.data.sentences import spoken_captions
from model.denoiser import ModelDenoiser
from model.diffusion import Estimate, q_sample, training_target
from model.guidance import classifier_free_guidance
from model.loading import DEFAULT_WEIGHTS_DIR, load_pipeline
from model.pipeline import GenerationRequest, Pipeline
from model.samplers import inference_timesteps
from model.team import Team
from model.training.ema import EMA
from model.training.pictures import sketchbook_latents
from model.training.train import learning_rate

Teacher = Callable[[torch.Tensor, int], Estimate]  # a guided denoiser: state and timestep in


def ddim_to(z: torch.Tensor, x0: torch.Tensor, alpha_bar: float, alpha_bar_next: float) -> torch.Tensor:
    """One deterministic DDIM step (Song et al. 2021, Eq. 12 with η = 0) from z at ᾱ to ᾱ_next, given x̂0."""
    eps = (z - alpha_bar**0.5 * x0) / (1 - alpha_bar) ** 0.5
    return alpha_bar_next**0.5 * x0 + (1 - alpha_bar_next) ** 0.5 * eps


def two_step_target(
    teacher: Teacher, z: torch.Tensor, timesteps: tuple[int, int], alpha_bars: tuple[float, float, float]
) -> torch.Tensor:
    """The x̃ that takes z in one DDIM step to where the teacher's two steps take it (Salimans & Ho 2022, Alg. 2):
    `timesteps` are the teacher's two, `alpha_bars` ᾱ at both and after the second (1.0: a clean picture)."""
    a, a_mid, a_next = alpha_bars
    z_mid = ddim_to(z, teacher(z, timesteps[0]).x0, a, a_mid)
    z_next = ddim_to(z_mid, teacher(z_mid, timesteps[1]).x0, a_mid, a_next)
    ratio = ((1 - a_next) / (1 - a)) ** 0.5
    return (z_next - ratio * z) / (a_next**0.5 - ratio * a**0.5)


def student_loss(
    student: torch.nn.Module, team: Team, teacher: Teacher, x0: torch.Tensor, cond: TextCondition, steps: int,
    generator: torch.Generator,
) -> torch.Tensor:  # fmt: skip
    """One batch of pictures (B, C, h, w) at one random step of the student's `steps`: its guess against the
    teacher's two steps, as a regression on its own prediction type (ε, x0 or v; v weighs by SNR + 1)."""
    schedule = team.training_schedule()
    grid = inference_timesteps(schedule.num_timesteps, 2 * steps)
    alpha_bars = [float(a) for a in schedule.alphas_cumprod[grid]] + [1.0]
    step = int(torch.randint(steps, (1,), generator=generator))
    a = alpha_bars[2 * step]
    z = q_sample(x0, torch.full((x0.shape[0],), a), torch.randn(x0.shape, generator=generator))
    with torch.no_grad():
        target_x0 = two_step_target(
            teacher, z, (grid[2 * step], grid[2 * step + 1]), (a, alpha_bars[2 * step + 1], alpha_bars[2 * step + 2])
        )
    noise = (z - a**0.5 * target_x0) / (1 - a) ** 0.5
    alpha_bar = torch.full((x0.shape[0],), a)
    target = training_target(target_x0, noise, alpha_bar, team.config.prediction)
    output = student(z, torch.full((x0.shape[0],), float(grid[2 * step])), cond)
    return F.mse_loss(output.float(), target)


def guided(team: Team, network: torch.nn.Module, cond: TextCondition, empty: TextCondition, scale: float) -> Teacher:
    """A network of the team as a denoiser on its training clock, guided at `scale` (1: the plain conditional)."""
    schedule = team.training_schedule()
    denoiser = ModelDenoiser(network, team.config, schedule, schedule)
    return classifier_free_guidance(denoiser, cond, empty.repeat(len(cond)), scale, TextCondition.cat)


def distil_round(
    pipeline: Pipeline, team: Team, teacher_net: torch.nn.Module, teacher_scale: float, steps: int,
    latents: torch.Tensor, captions: list[list[str]], args: argparse.Namespace, log: list[dict],
) -> torch.nn.Module:  # fmt: skip
    """Teach a student (from the teacher's weights) to draw in `steps` what the teacher draws in twice as many;
    returns its average."""
    rng, generator = random.Random(args.seed + steps), torch.Generator().manual_seed(args.seed + steps)
    student = copy.deepcopy(teacher_net).train().requires_grad_(True)
    teacher_net.requires_grad_(False)
    optimizer = torch.optim.AdamW(student.parameters(), lr=args.lr, weight_decay=0.0)
    ema = EMA(student, args.ema)
    start, step = time.time(), 0
    while time.time() - start < args.minutes * 60:
        for group in optimizer.param_groups:
            group["lr"] = learning_rate(args.lr, step, 50, (time.time() - start) / (args.minutes * 60), 0.05)
        batch = torch.randint(len(latents), (args.batch,), generator=generator)
        cond = pipeline.clip.condition([rng.choice(captions[i]) for i in batch])
        teacher = guided(team, teacher_net, cond, pipeline.clip.empty, teacher_scale)
        loss = student_loss(student, team, teacher, latents[batch], cond, steps, generator)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(student.parameters(), 1.0)
        optimizer.step()
        ema.update(student)
        step += 1
        if step % 50 == 0:
            log.append({"steps": steps, "batch": step, "seconds": round(time.time() - start), "loss": loss.item()})
            print(json.dumps(log[-1]), flush=True)
    return ema.model.requires_grad_(False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--weights", type=Path, default=DEFAULT_WEIGHTS_DIR)
    parser.add_argument("--team", default="dit")
    parser.add_argument("--steps", type=int, nargs="+", default=[8, 4, 2], help="each round's student, halving")
    parser.add_argument("--guidance", type=float, default=GenerationRequest.guidance_scale, help="baked in")
    parser.add_argument("--data", type=Path, default=default_data_dir())
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--minutes", type=float, default=10.0, help="each round's budget")
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--ema", type=float, default=0.998)
    parser.add_argument("--sentences", type=int, default=8, help="training sentences per concept beside its name")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if any(2 * later != earlier for earlier, later in zip(args.steps, args.steps[1:])):
        parser.error("each round halves the steps: --steps 8 4 2")

    torch.set_num_threads(args.threads)
    pipeline = load_pipeline(args.weights, device="cpu")
    team = pipeline.team(args.team)
    dataset = load_emoji_dataset(args.data)
    dataset = dataset.subset(dataset.concept_indices() >= 0)
    latents, concept_ids = sketchbook_latents(pipeline, dataset)
    said = {c.name: [c.name, *spoken_captions(c, args.sentences)] for c in CONCEPTS}
    captions = [said[CONCEPTS[int(i)].name] for i in concept_ids]
    args.out.mkdir(parents=True, exist_ok=True)
    teacher, scale, log = team.network, args.guidance, list[dict]()
    for steps in args.steps:
        teacher = distil_round(pipeline, team, teacher, scale, steps, latents, captions, args, log)
        scale = 1.0  # the guidance is in the student now
        config = dataclasses.replace(team.config, distilled_steps=steps, distilled_guidance=args.guidance)
        save_checkpoint(
            args.out / f"{steps}-steps" / f"{team.name}-quick.safetensors", teacher, "denoiser", config.to_dict()
        )
        settings = {key: str(value) if isinstance(value, Path) else value for key, value in vars(args).items()}
        (args.out / "distil_steps_log.json").write_text(json.dumps({"args": settings, "log": log}, indent=1))
        print(f"saved the {steps}-step student", flush=True)


if __name__ == "__main__":
    main()
