"""Train a text-conditioned denoiser (U-Net or DiT) on emoji, on a frozen CLIP's text embeddings.

    python -m model.training.train --backbone unet --clip runs/clip/clip.safetensors --out runs/unet --minutes 60
    python -m model.training.train ... --autoencoder runs/ae/autoencoder.safetensors   # draw in the sketchbook's latent
    python -m model.training.train --backbone unet --objective no_dust ...   # the memorising model, no dust

Resumable (--resume), logs images/s and loss, and saves sample grids drawn from pure noise.
"""

import argparse
import dataclasses
import functools
import json
import math
import random
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import torch
from safetensors import safe_open
from safetensors.torch import load_file
from torch import nn

from model.autoencoder import Autoencoder
from model.backbones import BACKBONES, backbone_preset, build_backbone, config_from_dict
from model.checkpoint import load_state_dict, read_metadata, save_checkpoint, save_tensors
from model.clip import Clip
from model.conditioning import TextCondition
from model.config import ModelConfig
from model.data.concepts import CONCEPTS
from model.data.dataset import default_data_dir, joined, load_emoji_dataset
from model.data.sentences import recoloured, with_sentences
from model.data.wordnet import wordnet
from model.diffusion import diffusion_loss, q_sample
from model.lessons.words import THINGS_FILE, VOCABULARY_FILE, vocabulary_of
from model.loading import load_autoencoder, load_clip
from model.pipeline import Pipeline
from model.schedules import make_schedule
from model.team import Team
from model.training.curves import plot_curves, read_meters
from model.training.ema import EMA
from model.training.grids import save_sample_grid
from model.training.judge import load_judge
from model.training.meters import ConceptProbe
from model.training.pictures import PictureCaptions
from model.training.posterior_target import PosteriorMean
from model.training.precision import StepWay, choose_step_way
from model.training.whitening import (
    WhiteningFit,
    fit_pooled_whitening,
    fit_token_whitening,
    install_pooled_whitening,
    install_token_whitening,
    load_switching_to_whitening,
    reads_whitened_pooled,
    reads_whitened_tokens,
    refit_whitenings,
)


class CaptionBank:
    """Every caption encoded once by the frozen CLIP, so training steps never run the text encoder."""

    def __init__(self, clip: Clip, captions: list[list[str]], batch: int = 512):
        unique = sorted({c for caps in captions for c in caps} | {""})
        self.index = {c: i for i, c in enumerate(unique)}
        parts = [clip.condition(unique[i : i + batch]) for i in range(0, len(unique), batch)]
        self.table = TextCondition.cat(*parts)

    def ids(self, captions: list[str]) -> torch.Tensor:
        return torch.tensor([self.index[c] for c in captions])

    def lookup(self, captions: list[str]) -> TextCondition:
        return self.table[self.ids(captions)]


def training_loss(
    model: torch.nn.Module,
    config: ModelConfig,
    x0: torch.Tensor,
    cond: TextCondition,
    alpha_bars: torch.Tensor,
    generator: torch.Generator,
    min_snr: float | None,
    snr_floor: float = 0.0,
    posterior: Callable[[torch.Tensor, torch.Tensor], torch.Tensor] | None = None,
    posterior_fraction: float = 0.0,
) -> torch.Tensor:
    """Dust the pictures at random timesteps and score the network's guess; the no-dust model
    instead sees a blank input and must regress the picture from the prompt alone.

    With `posterior` ((x_t, ᾱ) → E[x0 | x_t, prompt]), a `posterior_fraction` of the batch is scored
    against the exact posterior mean instead of the picture that was dusted (same optimum, less variance).
    """
    batch, device = x0.shape[0], x0.device
    if config.objective == "no_dust":
        output = model(torch.zeros_like(x0), torch.zeros(batch, device=device), cond)
        return diffusion_loss(output, x0, torch.zeros_like(x0), torch.ones(batch, device=device), "x0", None)
    t = torch.randint(config.num_timesteps, (batch,), generator=generator)
    alpha_bar, noise = alpha_bars[t].to(device), torch.randn(x0.shape, generator=generator).to(device)
    x_t = q_sample(x0, alpha_bar, noise)
    output = model(x_t, t.float().to(device), cond)
    if posterior is not None and posterior_fraction > 0:
        exact = torch.rand(batch, generator=generator).to(device) < posterior_fraction
        mean = posterior(x_t, alpha_bar)
        signal, noise_scale = (alpha_bar.sqrt().view(-1, 1, 1, 1), (1 - alpha_bar).sqrt().view(-1, 1, 1, 1))
        mean_noise = (x_t - signal * mean) / noise_scale  # the noise that mean implies: x_t = √ᾱ x0 + √(1 − ᾱ) ε
        x0 = torch.where(exact.view(-1, 1, 1, 1), mean, x0)
        noise = torch.where(exact.view(-1, 1, 1, 1), mean_noise, noise)
    return diffusion_loss(output, x0, noise, alpha_bar, config.prediction, min_snr, snr_floor)


def batch_weights(originals: int, total: int, added_share: float) -> torch.Tensor:
    """(total,) chances of drawing each picture: the ones added after the first `originals` make up `added_share`
    of a batch together, the originals the rest; with nothing added every picture is equally likely."""
    if total == originals:
        return torch.full((total,), 1.0 / total)
    return torch.cat(
        [
            torch.full((originals,), (1 - added_share) / originals),
            torch.full((total - originals,), added_share / (total - originals)),
        ]
    )


def write_vocabulary(folder: Path, captions: Iterable[str]) -> None:
    """The words of every caption the model trains on, for the Words lesson and the page's reading line, and the
    names of the things it draws, beside its weights."""
    (folder / VOCABULARY_FILE).write_text(json.dumps(vocabulary_of(captions)) + "\n", encoding="utf-8")
    (folder / THINGS_FILE).write_text(json.dumps([c.name for c in CONCEPTS]) + "\n", encoding="utf-8")


@torch.no_grad()
def encode_pictures(sketchbook: Autoencoder, pictures: torch.Tensor, batch: int = 256) -> torch.Tensor:
    """Every training picture folded into the sketchbook once: (N, 3, S, S) → (N, C, S/f, S/f)."""
    return torch.cat([sketchbook.encode(pictures[i : i + batch]) for i in range(0, len(pictures), batch)])


def learning_rate(peak: float, step: int, warmup: int, progress: float, final_fraction: float | None) -> float:
    """Linear warm-up, then constant or a cosine decay to `final_fraction`·peak over the run's time budget.

    `progress` is the fraction of the wall-clock budget spent (runs here are budgeted in minutes);
    decaying the rate at the end lets the weights settle below the noise floor a constant rate keeps them at.
    """
    rate = peak * min(1.0, (step + 1) / warmup)
    if final_fraction is None:
        return rate
    return rate * (final_fraction + (1 - final_fraction) * 0.5 * (1 + math.cos(math.pi * min(progress, 1.0))))


def training_state(
    model: nn.Module, ema: EMA, optimizer: torch.optim.Optimizer, step: int, seconds: float = 0.0
) -> dict[str, torch.Tensor]:
    """Model, EMA, AdamW moments and the seconds trained as one flat tensor dict (safetensors holds no pickled
    objects)."""
    tensors = {f"model.{k}": v for k, v in model.state_dict().items()}
    tensors |= {f"ema.{k}": v for k, v in ema.model.state_dict().items()}
    for i, p in enumerate(model.parameters()):
        for name, value in optimizer.state.get(p, {}).items():
            tensors[f"opt.{i}.{name}"] = value if torch.is_tensor(value) else torch.tensor(value)
    tensors["step"] = torch.tensor(step)
    tensors["seconds"] = torch.tensor(seconds, dtype=torch.float64)
    return {k: v.detach().contiguous().clone() for k, v in tensors.items()}


def start_from_weights(
    path: Path,
    model: nn.Module,
    ema: EMA,
    config: ModelConfig,
    whitening: WhiteningFit | None,
    pooled_captions: TextCondition | None = None,
) -> None:
    """Begin from saved weights (e.g. the shipped ones) with a fresh optimizer, when no training state survives;
    weights trained on raw tokens are switched onto `whitening` (mean, matrix) unchanged, and weights trained on the
    raw pooled prompt onto a whitening fitted to `pooled_captions`."""
    saved = config_from_dict(read_metadata(path)[1])
    switching = dataclasses.replace(
        saved,
        text_whitening=saved.text_whitening or whitening is not None,
        pooled_whitening=saved.pooled_whitening or pooled_captions is not None,
    )
    if switching != config:
        raise ValueError(f"{path} was trained as {saved}, not as {config}")
    weights = load_state_dict(path, build_backbone(saved))
    pooled = _pooled_switch(weights, pooled_captions)
    for network in (model, ema.model):
        load_switching_to_whitening(network, weights, whitening, pooled)


def _pooled_switch(weights: dict[str, torch.Tensor], captions: TextCondition | None) -> WhiteningFit | None:
    """The pooled whitening to switch these weights onto, fitted once so the model and its average share it."""
    if captions is None or reads_whitened_pooled(weights):
        return None
    return fit_pooled_whitening(weights, captions)


def seconds_trained(path: Path) -> float:
    """The wall-clock seconds a saved training state has trained, over all its runs (0 for states before it counted)."""
    with safe_open(str(path), "pt") as state:
        names = state.keys()  # safe_open is not iterable itself
        return float(state.get_tensor("seconds")) if "seconds" in names else 0.0


def saved_weight_names(path: Path) -> list[str]:
    """The model's weight names in a saved training state: what it reads whitened, its run goes on reading so."""
    with safe_open(str(path), "pt") as state:
        names = state.keys()  # safe_open is not iterable itself
    return [name.removeprefix("model.") for name in names if name.startswith("model.")]


def restore_training_state(
    path: Path,
    model: nn.Module,
    ema: EMA,
    optimizer: torch.optim.Optimizer,
    whitening: WhiteningFit | None = None,
    pooled_captions: TextCondition | None = None,
) -> int:
    """Resume a run; one trained on raw tokens (or a raw pooled prompt) goes on with the whitening folded in, and
    the projections the fold rewrites start with fresh AdamW moments (the old ones belong to the old coordinates)."""
    state = load_file(str(path), device=str(next(model.parameters()).device))  # AdamW moments beside their weights
    saved = {
        prefix: {k.removeprefix(prefix): v for k, v in state.items() if k.startswith(prefix)}
        for prefix in ("model.", "ema.")
    }
    pooled = _pooled_switch(saved["model."], pooled_captions)
    fresh = {id(p) for p in load_switching_to_whitening(model, saved["model."], whitening, pooled)}
    load_switching_to_whitening(ema.model, saved["ema."], whitening, pooled)
    for i, p in enumerate(model.parameters()):
        moments = {k.split(".", 2)[2]: v for k, v in state.items() if k.startswith(f"opt.{i}.")}
        if moments and id(p) not in fresh:
            moments["step"] = moments["step"].cpu()  # as Optimizer.load_state_dict keeps it: no GPU sync per step
            optimizer.state[p] = moments
    step = int(state["step"])
    ema.updates = step
    return step


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The run's settings; the backbones to choose from are the registry's."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backbone", choices=list(BACKBONES), default="unet")
    parser.add_argument("--preset", default=None, help="backbone preset (default: <backbone>-small)")
    parser.add_argument("--objective", choices=["diffusion", "no_dust"], default="diffusion")
    parser.add_argument("--clip", type=Path, required=True)
    parser.add_argument("--data", type=Path, default=default_data_dir())
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument(
        "--image-size", type=int, default=32, help="picture size (with --autoencoder: the sketchbook's)"
    )
    parser.add_argument("--autoencoder", type=Path, help="a sketchbook checkpoint: denoise its latents, not pixels")
    parser.add_argument("--concepts-only", action="store_true", help="train only on the concept set's pictures")
    parser.add_argument(
        "--sentences", type=int, default=0, help="also caption each concept picture with N sentences people type"
    )
    parser.add_argument(
        "--descriptions", action="store_true", help="with --sentences: each concept's WordNet gloss as a caption too"
    )
    parser.add_argument(
        "--recolour", type=int, default=0, help="add up to N recoloured copies of each concept picture, named by colour"
    )
    parser.add_argument("--recolour-share", type=float, default=0.25, help="share of each batch that is recoloured")
    parser.add_argument("--minutes", type=float, default=60.0)
    parser.add_argument(
        "--schedule-minutes",
        type=float,
        help="the --decay-to cosine spans this many minutes of training counted over every resume (default: this"
        " run's --minutes, a fresh cosine each run)",
    )
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--warmup", type=int, default=200)
    parser.add_argument(
        "--decay-to", type=float, default=None, help="cosine-decay to this fraction of --lr by the end of --minutes"
    )
    parser.add_argument("--prediction", choices=["eps", "x0", "v"], default="v")
    parser.add_argument("--schedule", default="cosine")
    parser.add_argument("--min-snr", type=float, default=5.0)
    parser.add_argument(
        "--snr-floor",
        type=float,
        default=1.0,
        help="x0 weight of the noisiest steps (0: plain min-SNR, which starves them)",
    )
    parser.add_argument(
        "--posterior-target",
        type=float,
        default=0.0,
        help="fraction of each batch scored against the training set's exact posterior mean (0: plain target)",
    )
    parser.add_argument("--p-uncond", type=float, default=0.1, help="prompt dropout for classifier-free guidance")
    parser.add_argument(
        "--whiten-text",
        action="store_true",
        help="cross-attention reads the tokens whitened, fitted to these captions (folded into --init or a raw"
        " --resume; a resumed whitened run stays whitened without it)",
    )
    parser.add_argument(
        "--whiten-pooled",
        action="store_true",
        help="the timestep embedding reads the pooled prompt whitened, fitted to these captions (folded into --init"
        " or a --resume without it; a resumed whitened run stays whitened without it)",
    )
    parser.add_argument("--ema", type=float, default=0.999)
    parser.add_argument(
        "--precision",
        choices=["auto", "fp32", "bf16"],
        default="auto",
        help="auto: time both here, each with two attention kernels",
    )
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--sample-every", type=float, default=10.0, help="minutes between sample grids and meters")
    parser.add_argument("--meter-stride", type=int, default=8, help="meters draw every Nth concept (0: no meters)")
    parser.add_argument("--judge", type=Path, help="a judge checkpoint: meters report its top-1 too")
    parser.add_argument(
        "--new-text-encoder",
        action="store_true",
        help="--init weights trained on another CLIP of --clip's width: fit their whitenings afresh to --clip",
    )
    parser.add_argument("--resume", action="store_true")
    parser.add_argument(
        "--init", type=Path, help="without a state to resume, start from these weights (fresh optimizer)"
    )
    parser.add_argument("--seed", type=int, default=0)
    return parser.parse_args(argv)


@dataclasses.dataclass
class TrainingData:
    """What a run draws its batches from: pictures (or their sketchbook latents) with every caption encoded once."""

    pictures: PictureCaptions  # (N, C, S, S): pictures, or latents in the sketchbook
    sampling: torch.Tensor  # (N,) chance of drawing each picture (`batch_weights`)
    bank: CaptionBank
    probe: ConceptProbe | None  # the meters' concepts, unless --meter-stride 0
    posterior: PosteriorMean | None  # the exact-posterior target, with --posterior-target


def load_training_data(args: argparse.Namespace, clip: Clip, sketchbook: Autoencoder | None) -> TrainingData:
    """The dataset with its sentences and recoloured copies, folded into the sketchbook when the team draws there."""
    device = torch.device(args.device)
    image_size = sketchbook.config.image_size if sketchbook else args.image_size
    dataset = load_emoji_dataset(args.data)
    if args.concepts_only:
        dataset = dataset.subset(dataset.concept_indices() >= 0)
    originals = dataset
    if args.sentences:
        dataset = with_sentences(dataset, args.sentences, wordnet() if args.descriptions else None)
    if args.recolour:
        dataset = joined(dataset, recoloured(dataset, args.recolour, args.sentences or 8))
    sampling = batch_weights(len(originals), len(dataset), args.recolour_share)
    data = PictureCaptions.from_arrays(
        dataset.images,
        [dataset.captions(i) for i in range(len(dataset.items))],
        dataset.concept_indices(),
        image_size,
    )
    if sketchbook is not None:
        data.pictures = encode_pictures(sketchbook, data.pictures.to(device)).cpu()  # (N, C, h, w) latents
    probe = ConceptProbe.from_dataset(originals, image_size, args.meter_stride) if args.meter_stride else None
    bank = CaptionBank(clip, data.captions)
    posterior = (
        PosteriorMean(data.pictures.to(device), data.captions, bank.index) if args.posterior_target > 0 else None
    )
    print(f"{len(data)} pictures, {len(bank.index)} captions encoded", flush=True)
    return TrainingData(data, sampling, bank, probe, posterior)


def model_config(
    args: argparse.Namespace, data: TrainingData, clip: Clip, in_latent: bool, saved_names: list[str]
) -> ModelConfig:
    """The team's config: its preset, the data's shape and space, and the whitenings it reads (asked for, or
    already in the state it resumes)."""
    pictures = data.pictures.pictures
    return ModelConfig(
        backbone=backbone_preset(args.preset or f"{args.backbone}-{'latent' if in_latent else 'small'}"),
        image_size=pictures.shape[-1],
        channels=pictures.shape[1],
        space="latent" if in_latent else "pixels",
        text_dim=clip.width,
        schedule=args.schedule,
        prediction="x0" if args.objective == "no_dust" else args.prediction,
        objective=args.objective,
        text_whitening=args.whiten_text or reads_whitened_tokens(saved_names),
        pooled_whitening=args.whiten_pooled or reads_whitened_pooled(saved_names),
    )


def prepare_weights(
    args: argparse.Namespace,
    model: nn.Module,
    ema: EMA,
    optimizer: torch.optim.Optimizer,
    config: ModelConfig,
    bank: CaptionBank,
    state_path: Path | None,
) -> int:
    """Resume the saved state (`state_path`), else start from --init, else install fresh whitenings; the step
    the run starts at."""
    whitening = fit_token_whitening(bank.table) if args.whiten_text else None
    pooled_captions = bank.table if args.whiten_pooled else None
    step = restore_training_state(state_path, model, ema, optimizer, whitening, pooled_captions) if state_path else 0
    if args.init is not None and step == 0:
        start_from_weights(args.init, model, ema, config, whitening, pooled_captions)
        if args.new_text_encoder:
            for network in (model, ema.model):
                refit_whitenings(network, bank.table)
    elif step == 0:
        pooled = fit_pooled_whitening(model.state_dict(), bank.table) if args.whiten_pooled else None
        for network in (model, ema.model):
            if whitening is not None:
                install_token_whitening(network, *whitening)
            if pooled is not None:
                install_pooled_whitening(network, *pooled)
    return step


class TrainingRun:
    """One run: the team, its average and optimizer, the data, and the clock that budgets it in minutes."""

    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.device = torch.device(args.device)
        self.rng, self.generator = random.Random(args.seed), torch.Generator().manual_seed(args.seed)
        args.out.mkdir(parents=True, exist_ok=True)
        self.clip = load_clip(args.clip, self.device)  # the sample grids run on the training device
        self.sketchbook = load_autoencoder(args.autoencoder, self.device) if args.autoencoder else None
        self.data = load_training_data(args, self.clip, self.sketchbook)
        self.judge = load_judge(args.judge) if args.judge else None
        self.state_path = args.out / "train_state.safetensors"
        resuming = args.resume and self.state_path.exists()
        saved_names = saved_weight_names(self.state_path) if resuming else []
        self.seconds_before = seconds_trained(self.state_path) if resuming else 0.0
        self.config = model_config(args, self.data, self.clip, self.sketchbook is not None, saved_names)
        self.model = build_backbone(self.config).to(self.device).train()
        self.ema = EMA(self.model, args.ema)
        self.optimizer = torch.optim.AdamW(self.model.parameters(), lr=args.lr, weight_decay=0.01)
        resumed = self.state_path if resuming else None
        self.step = prepare_weights(args, self.model, self.ema, self.optimizer, self.config, self.data.bank, resumed)
        self.alpha_bars = make_schedule(self.config.schedule, self.config.num_timesteps).alphas_cumprod.float()
        self.name = "nodust" if args.objective == "no_dust" else args.backbone
        self.started = time.time()  # `train` starts the clock again once the step's way is chosen
        parameters = sum(p.numel() for p in self.model.parameters()) / 1e6
        print(f"{self.name}: {parameters:.2f} M parameters, starting at step {self.step}", flush=True)

    def train_step(self, way: StepWay, lr: float) -> torch.Tensor:
        """One optimizer step on a random batch (prompts dropped at --p-uncond for guidance), and the average."""
        args, data = self.args, self.data
        for group in self.optimizer.param_groups:
            group["lr"] = lr
        batch = torch.multinomial(data.sampling, args.batch, replacement=True, generator=self.generator)
        x0 = data.pictures.pictures[batch].to(self.device)  # (B, C, S, S): pictures, or latents in the sketchbook
        drawn = data.pictures.random_captions(batch, self.rng)
        captions = [("" if self.rng.random() < args.p_uncond else c) for c in drawn]
        cond = data.bank.lookup(captions).to(self.device)
        caption_ids = data.bank.ids(captions)
        posterior = None if data.posterior is None else functools.partial(data.posterior, caption_ids=caption_ids)
        with torch.autocast(self.device.type, dtype=torch.bfloat16, enabled=way.bf16), way.attention_kernel():
            loss = training_loss(
                self.model,
                self.config,
                x0,
                cond,
                self.alpha_bars,
                self.generator,
                args.min_snr,
                args.snr_floor,
                posterior=posterior,
                posterior_fraction=args.posterior_target,
            )
        self.optimizer.zero_grad(set_to_none=True)
        loss.backward()  # the attention kernel picked in the forward pass brings its own backward
        torch.nn.utils.clip_grad_norm_(self.model.parameters(), 1.0)
        self.optimizer.step()
        self.ema.update(self.model)
        return loss

    def seconds_trained_in_all(self) -> float:
        """This run's seconds and those of the runs its state resumed."""
        return self.seconds_before + time.time() - self.started

    def progress(self) -> float:
        """How far along its cosine the run is: this run's budget, or with --schedule-minutes every run's."""
        if self.args.schedule_minutes is None:
            return (time.time() - self.started) / (self.args.minutes * 60)
        return self.seconds_trained_in_all() / (self.args.schedule_minutes * 60)

    def checkpoint(self) -> None:
        """Save the state to resume from, the averaged weights and the vocabulary; draw a sample grid and the meters."""
        args, name, out = self.args, self.name, self.args.out
        state = training_state(self.model, self.ema, self.optimizer, self.step, self.seconds_trained_in_all())
        save_tensors(self.state_path, state)
        write_vocabulary(out, self.data.bank.index)
        save_checkpoint(out / f"{name}.safetensors", self.ema.model, kind="denoiser", config=self.config.to_dict())
        team = Team(args.backbone, self.ema.model, self.config)
        pipeline = Pipeline(self.clip, [team], no_dust=team if name == "nodust" else None, sketchbook=self.sketchbook)
        save_sample_grid(pipeline, name, out / f"samples_{self.step:06d}.png")
        if self.data.probe is not None:
            minutes = round((time.time() - self.started) / 60, 1)
            meters = {"step": self.step, "minutes": minutes, "images_seen": self.step * args.batch}
            meters |= {k: round(v, 4) for k, v in self.data.probe.measure(pipeline, name, self.judge).items()}
            print(f"meters {json.dumps(meters)}", flush=True)
            with open(out / "meters.jsonl", "a") as f:
                f.write(json.dumps(meters) + "\n")
            plot_curves({name: read_meters(out / "meters.jsonl")}, out / "curves.png")

    def train(self, way: StepWay) -> list[dict[str, float]]:
        """Step until --minutes have passed, saving every --sample-every minutes and at the end; the loss log."""
        args = self.args
        self.started, last_sample = time.time(), time.time()
        log: list[dict[str, float]] = []
        images_seen = 0
        while time.time() - self.started < args.minutes * 60:
            lr = learning_rate(args.lr, self.step, args.warmup, self.progress(), args.decay_to)
            loss = self.train_step(way, lr)
            self.step += 1
            images_seen += args.batch
            if self.step % 100 == 0:
                elapsed = time.time() - self.started
                log.append({"step": self.step, "seconds": round(elapsed), "loss": round(loss.item(), 5)})
                print(
                    f"step {self.step} {elapsed:.0f}s loss {loss.item():.4f} lr {lr:.1e} "
                    f"{images_seen / elapsed:.1f} img/s",
                    flush=True,
                )
            if time.time() - last_sample > args.sample_every * 60:
                self.checkpoint()
                last_sample = time.time()
        self.checkpoint()
        return log


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    run = TrainingRun(args)
    trial_rate = learning_rate(args.lr, 0, args.warmup, 0, None)
    # .item(): a GPU step ends before its time is taken
    way = choose_step_way(args.precision, lambda way: run.train_step(way, trial_rate).item())
    print(f"steps run in {way}", flush=True)
    log = run.train(way)
    record = {"args": {k: str(v) for k, v in vars(args).items()}, "final_step": run.step, "log": log}
    with open(args.out / "train_log.jsonl", "a") as f:
        f.write(json.dumps(record) + "\n")
    print(f"done at step {run.step}; weights in {args.out / f'{run.name}.safetensors'}")


if __name__ == "__main__":
    main()
