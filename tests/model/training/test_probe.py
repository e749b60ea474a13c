import torch

from model.backbones import backbone_preset
from model.conditioning import TextCondition
from model.config import ModelConfig
from model.denoiser import ModelDenoiser
from model.schedules import make_schedule
from model.training.probe import guess_error

SCHEDULE = make_schedule("cosine")
CONFIG = ModelConfig(backbone=backbone_preset("unet-tiny"), prediction="x0")
COND = TextCondition(torch.zeros(2, 3, 8), torch.ones(2, 3, dtype=torch.bool), torch.zeros(2, 8))


def test_known_guesses_give_known_errors():
    x0 = torch.rand(2, 3, 8, 8) * 2 - 1
    knows = ModelDenoiser(lambda x, t, cond: x0, CONFIG, SCHEDULE, SCHEDULE)
    grey = ModelDenoiser(lambda x, t, cond: torch.zeros_like(x), CONFIG, SCHEDULE, SCHEDULE)
    for t in (999, 500, 0):
        assert guess_error(knows, x0, COND, t) == 0.0
        assert abs(guess_error(grey, x0, COND, t) - float(x0.pow(2).mean())) < 1e-6
