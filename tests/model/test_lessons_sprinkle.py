"""The dust slider and SDEdit's way back, against known answers."""

import pytest
import torch

from model.diffusion import Estimate
from model.lessons.examples import EXAMPLES, draw_example
from model.lessons.sprinkle import clean_up, slider_alpha_bars, sprinkle
from model.loading import tiny_pipeline
from model.pipeline import GenerationRequest
from model.schedules import make_schedule

SCHEDULE = make_schedule("cosine", 1000)


class Oracle:
    """A denoiser that knows the clean picture: from the right x_t, every DDIM step lands on the truth."""

    def __init__(self, picture: torch.Tensor):
        self.picture = picture

    def __call__(self, x: torch.Tensor, t: int) -> Estimate:
        a = float(SCHEDULE.alphas_cumprod[t])
        return Estimate(x0=self.picture, eps=(x - a**0.5 * self.picture) / (1 - a) ** 0.5)


def test_the_slider_runs_from_the_clean_picture_to_all_dust():
    alpha_bars = slider_alpha_bars(SCHEDULE, 20)
    assert alpha_bars.shape == (21,) and alpha_bars[0] == 1
    assert torch.all(alpha_bars[1:] < alpha_bars[:-1]), "more slider, less picture"
    assert alpha_bars[-1] == SCHEDULE.alphas_cumprod[-1], "the far end is the first step of a run"


def test_position_zero_is_the_picture_and_every_position_uses_the_same_dust():
    picture, noise = draw_example("smiley"), torch.randn(1, 3, 32, 32)
    alpha_bars = slider_alpha_bars(SCHEDULE, 10)
    dusty = sprinkle(picture, noise, alpha_bars)
    assert dusty.shape == (11, 3, 32, 32)
    assert torch.equal(dusty[0], picture[0])
    a = alpha_bars[1:].float().reshape(-1, 1, 1, 1)
    recovered = (dusty[1:] - a.sqrt() * picture) / (1 - a).sqrt()
    assert torch.allclose(recovered, noise.expand_as(recovered), atol=1e-4)


def test_cleaning_up_from_position_zero_does_nothing():
    assert list(clean_up(Oracle(draw_example("heart")), draw_example("heart"), SCHEDULE, 20, 0)) == []


@pytest.mark.parametrize("start", [1, 7, 20])
def test_cleaning_up_with_a_perfect_denoiser_brings_the_picture_back(start: int):
    picture = draw_example("house")
    dusty = sprinkle(picture, torch.randn(1, 3, 32, 32), slider_alpha_bars(SCHEDULE, 20))
    steps = list(clean_up(Oracle(picture), dusty[start : start + 1], SCHEDULE, 20, start))
    assert len(steps) == start
    assert torch.equal(steps[0].x_t, dusty[start : start + 1]), "it starts from exactly the dust on screen"
    for step, expected in zip(steps, dusty.flip(0)[-start - 1 :][1:]):
        assert torch.allclose(step.x_next, expected[None], atol=1e-4), "each step lands on the slider one left"
    assert torch.allclose(steps[-1].x_next, picture, atol=1e-5)


def test_start_past_the_end_is_refused():
    with pytest.raises(ValueError, match="between 0 and 20"):
        list(clean_up(Oracle(draw_example("heart")), draw_example("heart"), SCHEDULE, 20, 21))


def test_the_prompted_denoiser_runs_the_real_network():
    pipeline = tiny_pipeline()
    request = GenerationRequest(prompt="a red heart", guidance_scale=3.0, backbone="unet")
    denoiser = pipeline.guided_denoiser(request, SCHEDULE)
    estimate = denoiser(torch.randn(1, 3, 32, 32), 500)
    assert estimate.x0.shape == estimate.eps.shape == (1, 3, 32, 32)


def test_built_in_pictures_are_distinct_clean_drawings():
    pictures = {name: draw_example(name) for name in EXAMPLES}
    for picture in pictures.values():
        assert picture.shape == (1, 3, 32, 32) and picture.min() >= -1 and picture.max() <= 1
        assert len(torch.unique(picture.reshape(3, -1), dim=1).T) >= 2, "a picture is one flat colour"
    assert len({p.sum().item() for p in pictures.values()}) == len(pictures)
    with pytest.raises(ValueError, match="choose one of"):
        draw_example("unicorn")
