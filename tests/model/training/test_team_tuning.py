"""The teams learning beside the text tower: only from pictures, against the posterior of their own (thing, colour)."""

import copy

import torch

from model.backbones import config_from_dict
from model.checkpoint import load_state_dict, read_metadata
from model.data.concepts import CONCEPTS
from model.loading import tiny_pipeline
from model.training.distil_phrasings import phrasing_loss
from model.training.team_tuning import TeamTuning, picture_keys, picture_posterior

DOG = next(i for i, c in enumerate(CONCEPTS) if c.name == "dog")


def _tuning(learning: list[str]):
    pipeline = tiny_pipeline(latent=True)
    for team in pipeline.teams.values():  # as if trained: zero-initialised outputs would ignore the words
        for p in team.network.parameters():
            torch.nn.init.normal_(p, std=0.2)
            p.requires_grad_(False)
    book = pipeline.sketchbook.config
    pictures = torch.randn(4, book.latent_channels, book.latent_size, book.latent_size)
    keys = picture_keys(torch.tensor([DOG, DOG]), [{"colour": "blue", "concept": "dog"}] * 2)
    posterior, index = picture_posterior(pictures, keys)
    tuning = TeamTuning(pipeline, learning, pipeline.clip, posterior, index, lr=1e-2, ema_decay=0.9)
    return pipeline, tuning, pictures


def test_a_recoloured_picture_is_keyed_by_its_colour_and_the_thing_keeps_its_own_pictures():
    _, tuning, pictures = _tuning([])
    assert picture_keys(torch.tensor([DOG]), [{"colour": "blue", "concept": "car"}]) == ["dog", "blue car"]
    at_pure_dust = torch.zeros(2), torch.tensor([tuning.index["dog"], tuning.index["blue dog"]])
    means = tuning.posterior(torch.randn(2, *pictures.shape[1:]), *at_pure_dust)
    torch.testing.assert_close(means[0], pictures[:2].mean(0))  # "dog": the originals only
    torch.testing.assert_close(means[1], pictures[2:].mean(0))  # "blue dog": the blue ones only


def test_a_learning_team_learns_from_pictures_and_never_from_the_phrasing_loss():
    pipeline, tuning, pictures = _tuning(["dit"])
    network = pipeline.team("dit").network
    student = copy.deepcopy(pipeline.clip)
    generator = torch.Generator().manual_seed(0)

    told, names = ["that dog"] * 4, ["dog"] * 4
    phrasing = phrasing_loss(student, pipeline.clip, pipeline, "dit", pictures, told, names, generator)
    phrasing.backward()
    assert all(p.grad is None for p in network.parameters())
    assert student.model.token_embedding.weight.grad.abs().sum() > 0

    before = copy.deepcopy(network.state_dict())
    told = student.condition_with_grad(["a blue dog", "a blue dog"])
    (tuning.picture_loss("dit", pictures[2:], told, ["blue dog"] * 2, generator)
     + tuning.names_loss("dit", pictures[:2], torch.tensor([DOG, DOG]), generator)).backward()  # fmt: skip
    assert all(p.grad is not None for p in network.parameters())
    tuning.step("dit", 1e-2)
    assert any(not torch.equal(before[k], v) for k, v in network.state_dict().items())


def test_a_frozen_team_is_taught_through_but_never_moves():
    pipeline, tuning, pictures = _tuning([])
    network = pipeline.team("unet").network
    before = copy.deepcopy(network.state_dict())
    student = copy.deepcopy(pipeline.clip)
    told = student.condition_with_grad(["a blue dog"] * 2)
    tuning.picture_loss("unet", pictures[2:], told, ["blue dog"] * 2, torch.Generator().manual_seed(1)).backward()
    tuning.step("unet", 1e-2)
    assert student.model.token_embedding.weight.grad.abs().sum() > 0
    assert all(torch.equal(before[k], v) for k, v in network.state_dict().items())


def test_a_learning_team_saves_its_average_with_its_config_and_resumes(tmp_path):
    pipeline, tuning, pictures = _tuning(["unet"])
    tuning.names_loss("unet", pictures[:2], torch.tensor([DOG, DOG]), torch.Generator().manual_seed(2)).backward()
    tuning.step("unet", 1e-2)
    tuning.save(tmp_path, step=1, seconds=3.0)

    kind, config = read_metadata(tmp_path / "unet.safetensors")
    assert kind == "denoiser" and config_from_dict(config) == pipeline.team("unet").config
    saved = load_state_dict(tmp_path / "unet.safetensors", copy.deepcopy(tuning.emas["unet"].model))
    for name, value in tuning.emas["unet"].model.state_dict().items():
        torch.testing.assert_close(saved[name].float(), value.half().float())

    _, again, _ = _tuning(["unet"])
    again.restore(tmp_path)
    moments = [again.optimizers["unet"].state[p]["exp_avg"] for p in again.networks["unet"].parameters()]
    assert all(torch.equal(m, tuning.optimizers["unet"].state[p]["exp_avg"])
               for m, p in zip(moments, tuning.networks["unet"].parameters()))  # fmt: skip
