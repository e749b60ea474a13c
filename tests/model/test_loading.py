"""A weights folder is read by the kinds its checkpoints name: a few-step student becomes its team's quick lane, a
step painter paints its sketchbook's steps."""

import copy
from dataclasses import replace
from pathlib import Path

import pytest
import torch

from model.autoencoder import Autoencoder
from model.checkpoint import save_checkpoint
from model.loading import load_pipeline, tiny_pipeline
from model.pipeline import Pipeline
from model.step_painter import StepPainter, StepPainterConfig
from model.team import Team

QUICK_STEPS = 2


def _write_folder(folder: Path, teams: list[Team], students: list[Team]) -> None:
    clip = tiny_pipeline().clip
    save_checkpoint(folder / "clip.safetensors", clip.model, "clip", {"model_name": clip.model_name})
    for team in teams:
        save_checkpoint(folder / f"{team.name}.safetensors", team.network, "denoiser", team.config.to_dict())
    for student in students:
        save_checkpoint(
            folder / f"{student.name}-quick.safetensors", student.network, "denoiser", student.config.to_dict()
        )


@pytest.fixture(scope="module")
def teams() -> dict[str, Team]:
    return tiny_pipeline(quick_steps=QUICK_STEPS).teams


def test_a_student_in_the_folder_is_its_teams_quick_lane(tmp_path, teams):
    _write_folder(tmp_path, list(teams.values()), [teams["dit"].quick])
    loaded = load_pipeline(tmp_path)
    assert list(loaded.teams) == ["unet", "dit"], "a student is not a team of its own"
    assert loaded.teams["unet"].quick is None
    student = loaded.teams["dit"].quick
    assert student is not None and student.config.distilled_steps == QUICK_STEPS
    expected = teams["dit"].quick.network.state_dict()
    for name, weight in student.network.state_dict().items():
        assert torch.equal(weight, expected[name].half().float()), f"{name} is not the student's (fp16) weight"


def test_a_student_of_no_team_and_two_students_of_one_are_refused(tmp_path, teams):
    _write_folder(tmp_path / "orphan", [teams["unet"]], [teams["dit"].quick])
    with pytest.raises(ValueError, match="student of no team it has: dit"):
        load_pipeline(tmp_path / "orphan")
    _write_folder(tmp_path / "two", [teams["dit"]], [teams["dit"].quick])
    other = teams["dit"].quick
    save_checkpoint(tmp_path / "two" / "dit-quick-2.safetensors", other.network, "denoiser", other.config.to_dict())
    with pytest.raises(ValueError, match="two checkpoints of one team"):
        load_pipeline(tmp_path / "two")


def test_a_teams_quick_lane_must_be_a_student(teams):
    with pytest.raises(ValueError, match="must be a few-step student"):
        replace(teams["dit"], quick=teams["unet"])


@pytest.fixture(scope="module")
def sketching() -> Pipeline:
    return tiny_pipeline(latent=True, step_painter=True)


def _write_sketchbook(folder: Path, pipeline: Pipeline, painters: int = 1) -> None:
    _write_folder(folder, list(pipeline.teams.values()), [])
    sketchbook, painter = pipeline.sketchbook, pipeline.step_painter
    assert isinstance(sketchbook, Autoencoder) and painter is not None
    save_checkpoint(folder / "autoencoder.safetensors", sketchbook, "autoencoder", sketchbook.config.to_dict())
    for index in range(painters):
        save_checkpoint(folder / f"step-painter-{index}.safetensors", painter, "step_painter", painter.config.to_dict())


def test_a_step_painter_in_the_folder_paints_the_steps(tmp_path, sketching):
    _write_sketchbook(tmp_path, sketching)
    loaded = load_pipeline(tmp_path)
    assert loaded.step_painter is not None and loaded.step_painter.config == sketching.step_painter.config
    latents = torch.randn(2, 4, 8, 8)
    expected = copy.deepcopy(sketching.step_painter).half().float()(latents)  # the checkpoint holds fp16 weights
    torch.testing.assert_close(loaded.paint_step(latents), expected)


def test_a_step_painter_needs_its_sketchbook_and_comes_alone(tmp_path, sketching):
    _write_sketchbook(tmp_path / "two", sketching, painters=2)
    with pytest.raises(ValueError, match="more than one text encoder, sketchbook or step painter"):
        load_pipeline(tmp_path / "two")
    _write_sketchbook(tmp_path / "alone", sketching)
    (tmp_path / "alone" / "autoencoder.safetensors").unlink()
    with pytest.raises(ValueError, match="a step painter but no sketchbook"):
        load_pipeline(tmp_path / "alone")
    _write_sketchbook(tmp_path / "other", sketching)
    wider = StepPainter(StepPainterConfig(latent_channels=4, widths=(4, 8)))
    save_checkpoint(tmp_path / "other" / "step-painter-0.safetensors", wider, "step_painter", wider.config.to_dict())
    with pytest.raises(ValueError, match="latents of another shape"):
        load_pipeline(tmp_path / "other")
