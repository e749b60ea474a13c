"""Teach the text tower people's sentences through a frozen team: for "a friendly dog" the team must draw what it
draws for "dog". Only the text tower learns; the team, the picture tower and the plain names' conditions stay.

    python -m model.training.distil_phrasings --weights model/weights --out runs/distil --minutes 25
    python -m model.training.distil_phrasings --out runs/distil --minutes 60 --schedule-minutes 180 --resume

The encoder still reads the whole sentence (no word is dropped or mapped before it); it learns that the
harmless words around a thing's name leave the drawing as it was. Training sentences come from
`phrasings.TRAINING` only, so the held-out suite (`natural_prompts`) measures whether that carries over.
Colour words are not harmless: with --colour-share, part of each batch is recoloured pictures told their colour
("a blue car"), taught by the picture itself (the team's denoising loss), not by the name's drawing; with
--team-lr the teams learn from those pictures too (`team_tuning.py`), as a frozen team never drew a blue car.
With --unknown-share, a stand-in word goes into some sentences and every untaught token reads as it in the saved
tower (`unknown_words.py`); --embedding-lr-scale lets the token rows, each in few batches, learn at their own rate.
Writes clip.safetensors (the text tower's average beside the original picture tower) and a resumable state, and
with --team-lr each team's averaged weights and state.
"""

import argparse
import copy
import json
import random
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from model.checkpoint import save_checkpoint, save_tensors
from model.clip import Clip
from model.data.concepts import CONCEPTS
from model.data.dataset import default_data_dir, load_emoji_dataset
from model.data.sentences import recoloured, spoken_captions
from model.data.wordnet import wordnet
from model.diffusion import q_sample
from model.lessons.words import vocabulary_of
from model.loading import DEFAULT_WEIGHTS_DIR, load_pipeline
from model.pipeline import Pipeline
from model.training.ema import EMA
from model.training.pictures import sketchbook_latents
from model.training.team_tuning import TeamTuning, picture_keys, picture_posterior
from model.training.train import (
    learning_rate,
    restore_training_state,
    seconds_trained,
    training_state,
    write_vocabulary,
)
from model.training.unknown_words import stand_in_id, taught_token_ids, tie_untaught_rows, with_unknown_word


def phrasing_loss(
    student: Clip, teacher: Clip, pipeline: Pipeline, team: str, x0: torch.Tensor, sentences: list[str],
    names: list[str], generator: torch.Generator,
) -> torch.Tensor:  # fmt: skip
    """How differently the team denoises the same dusty pictures (B, C, h, w) when told `sentences` by the
    student than when told the things' `names` by the teacher, at random timesteps."""
    network, schedule = pipeline.team(team).network, pipeline.team(team).training_schedule()
    alpha_bars = schedule.alphas_cumprod.float()
    t = torch.randint(len(alpha_bars), (x0.shape[0],), generator=generator)
    x_t = q_sample(x0, alpha_bars[t], torch.randn(x0.shape, generator=generator))
    with torch.no_grad():
        target = network(x_t, t.float(), teacher.condition(names))
    weights = {name: p.detach() for name, p in network.named_parameters()}  # a learning team is not moved by this
    told = torch.func.functional_call(network, weights, (x_t, t.float(), student.condition_with_grad(sentences)))
    return F.mse_loss(told, target)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--weights", type=Path, default=DEFAULT_WEIGHTS_DIR)
    parser.add_argument("--teams", nargs="+", default=["dit", "unet"], help="taught through in turn, a step each")
    parser.add_argument("--data", type=Path, default=default_data_dir())
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--minutes", type=float, default=25.0, help="this run's budget")
    parser.add_argument(
        "--schedule-minutes", type=float, default=None, help="the cosine spans this many minutes over every resume"
    )
    parser.add_argument("--resume", action="store_true", help="go on from --out/state.safetensors")
    parser.add_argument("--save-minutes", type=float, default=10.0, help="save the state and weights this often")
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--ema", type=float, default=0.998)
    parser.add_argument("--sentences", type=int, default=24, help="training sentences per concept")
    parser.add_argument("--descriptions", action="store_true", help="add descriptions (needs WordNet installed)")
    parser.add_argument("--names-share", type=float, default=0.25, help="share of a batch told the plain name")
    parser.add_argument(
        "--synonyms", action="store_true", help="that share also tells a synonym alone, so it keeps its meaning"
    )
    parser.add_argument(
        "--colour-share", type=float, default=0.0, help="share of a batch recoloured and told its colour (0: none)"
    )
    parser.add_argument(
        "--team-lr", type=float, default=0.0, help="the teams' own peak rate, learning from pictures (0: frozen)"
    )
    parser.add_argument(
        "--unknown-share", type=float, default=0.0, help="share of sentences given the stand-in for an untaught word"
    )
    parser.add_argument(
        "--embedding-lr-scale", type=float, default=1.0, help="the token table's rate, times --lr (rows learn rarely)"
    )
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if args.team_lr > 0 and args.colour_share <= 0:
        parser.error("--team-lr teaches the teams from recoloured pictures: give --colour-share too")

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng, generator = random.Random(args.seed), torch.Generator().manual_seed(args.seed)
    pipeline = load_pipeline(args.weights, device="cpu")
    teacher = pipeline.clip
    if not isinstance(teacher, Clip) or pipeline.sketchbook is None:
        raise SystemExit("distil_phrasings needs our own model: a dust-clip and a sketchbook team")
    for team in args.teams:
        pipeline.team(team).network.requires_grad_(False)  # until --team-lr makes it learn
    student = copy.deepcopy(teacher).train()
    student.model.visual.requires_grad_(False)
    trained = [p for p in student.parameters() if p.requires_grad]
    table = student.model.token_embedding.weight
    groups = [
        {"params": [p for p in trained if p is not table], "scale": 1.0},
        {"params": [table], "scale": args.embedding_lr_scale},
    ]
    optimizer = torch.optim.AdamW(groups, lr=args.lr, weight_decay=0.01)
    ema = EMA(student.model, args.ema)
    state_path = args.out / "state.safetensors"
    step = restore_training_state(state_path, student.model, ema, optimizer) if args.resume else 0
    seconds_before = seconds_trained(state_path) if args.resume else 0.0

    dataset = load_emoji_dataset(args.data)
    dataset = dataset.subset(dataset.concept_indices() >= 0)
    latents, concept_ids = sketchbook_latents(pipeline, dataset)
    sentences = _sentences(args.sentences, args.descriptions)
    plain = {c.name: (c.name, *(c.synonyms if args.synonyms else ())) for c in CONCEPTS}  # told alone
    colours = recoloured(dataset, 2, args.sentences) if args.colour_share else dataset.subset(np.zeros(0, int))
    colour_latents = sketchbook_latents(pipeline, colours)[0] if len(colours) else latents[:0]
    coloured = [item["captions"] for item in colours.items]
    keys = picture_keys(concept_ids, colours.items)
    posterior, index = picture_posterior(torch.cat([latents, colour_latents]), keys)
    learning = args.teams if args.team_lr > 0 else []
    tuning = TeamTuning(pipeline, learning, teacher, posterior, index, args.team_lr, args.ema)
    if args.resume and learning:
        tuning.restore(args.out)
    taught = [*(pipeline.weights.vocabulary or ()), *(s for told in [*sentences.values(), *coloured] for s in told)]
    print(f"{len(latents)} pictures, {len(coloured)} recoloured, {sum(map(len, sentences.values()))} sentences")
    tie = args.unknown_share > 0

    args.out.mkdir(parents=True, exist_ok=True)
    log_path = args.out / "distil_log.jsonl"
    latest: dict[str, float] = {}  # each team's loss at its latest step, for the log
    start = last_save = time.time()
    schedule_seconds = 60 * (args.schedule_minutes or args.minutes)
    while time.time() - start < args.minutes * 60:
        progress = (seconds_before + time.time() - start) / schedule_seconds
        for group in optimizer.param_groups:
            group["lr"] = group["scale"] * learning_rate(args.lr, step, 50, progress, 0.05)
        team_lr = learning_rate(args.team_lr, step, 50, progress, 0.05)
        in_colour = round(args.batch * args.colour_share)
        batch = torch.randint(len(latents), (args.batch - in_colour,), generator=generator)
        names = [CONCEPTS[int(concept_ids[i])].name for i in batch]
        told = [rng.choice(plain[n] if rng.random() < args.names_share else sentences[n]) for n in names]
        told = [with_unknown_word(rng, text) if rng.random() < args.unknown_share else text for text in told]
        team = args.teams[step % len(args.teams)]
        loss = phrasing_loss(student, teacher, pipeline, team, latents[batch], told, names, generator)
        if in_colour:
            picked = torch.randint(len(colour_latents), (in_colour,), generator=generator)
            asked = student.condition_with_grad([rng.choice(coloured[i]) for i in picked])
            picked_keys = [keys[len(latents) + i] for i in picked]
            coloured_loss = tuning.picture_loss(team, colour_latents[picked], asked, picked_keys, generator)
            loss = (1 - args.colour_share) * loss + args.colour_share * coloured_loss
        if team in learning:
            named = torch.randint(len(latents), (in_colour,), generator=generator)
            names_loss = tuning.names_loss(team, latents[named], torch.as_tensor(concept_ids[named.numpy()]), generator)
            loss = loss + args.colour_share * names_loss
        optimizer.zero_grad(set_to_none=True)
        tuning.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(trained, 1.0)
        optimizer.step()
        tuning.step(team, team_lr)
        ema.update(student.model)
        step += 1
        latest[team] = round(loss.item(), 5)
        if step % 50 == 0:  # with teams in turn, a multiple of 50 is always the same team's step: log every team's
            seconds = seconds_before + time.time() - start
            with open(log_path, "a") as log:
                log.write(json.dumps({"step": step, "seconds": round(seconds), "loss": latest}) + "\n")
            print(f"step {step} {seconds:.0f}s loss {latest}", flush=True)
        if time.time() - last_save > args.save_minutes * 60:
            _save(args.out, student, ema, optimizer, step, seconds_before + time.time() - start, taught, tie)
            tuning.save(args.out, step, seconds_before + time.time() - start)
            last_save = time.time()
    _save(args.out, student, ema, optimizer, step, seconds_before + time.time() - start, taught, tie)
    tuning.save(args.out, step, seconds_before + time.time() - start)
    print(f"done at step {step}; {args.out / 'clip.safetensors'}")


def _sentences(per_concept: int, descriptions: bool) -> dict[str, list[str]]:
    """Each concept's training sentences (and descriptions), by name."""
    net = wordnet() if descriptions else None
    return {c.name: spoken_captions(c, per_concept, net) for c in CONCEPTS}


def _save(
    out: Path,
    student: Clip,
    ema: EMA,
    optimizer: torch.optim.Optimizer,
    step: int,
    seconds: float,
    taught: list[str],
    tie_untaught: bool = False,
) -> None:
    """The resumable state, the averaged text tower as clip.safetensors (usable if the run stops here), and the
    words it now knows: the teams' vocabulary and every word of the sentences it was taught. With `tie_untaught`,
    every token no taught word holds reads as the stand-in the run taught for unknown words."""
    save_tensors(out / "state.safetensors", training_state(student.model, ema, optimizer, step, seconds))
    averaged = ema.model
    if tie_untaught:
        averaged = copy.deepcopy(ema.model)
        known = taught_token_ids(student, vocabulary_of(taught))
        tie_untaught_rows(averaged.token_embedding.weight, known, stand_in_id(student))
    save_checkpoint(out / "clip.safetensors", averaged, kind="clip", config={"model_name": student.model_name})
    write_vocabulary(out, taught)


if __name__ == "__main__":
    main()
