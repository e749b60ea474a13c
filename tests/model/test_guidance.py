import torch

from model.diffusion import Estimate
from model.guidance import classifier_free_guidance


def _denoiser(calls: list[int]):
    """A fake conditional denoiser: x0 = x + cond, so the guided mix is easy to compute."""

    def denoise(x, t, cond):
        calls.append(x.shape[0])
        return Estimate(x0=x + cond, eps=x - cond)

    return denoise


def test_scale_one_is_the_conditional_prediction_in_one_pass():
    calls: list[int] = []
    x, cond, uncond = torch.randn(2, 3), torch.full((2, 3), 2.0), torch.zeros(2, 3)
    guided = classifier_free_guidance(_denoiser(calls), cond, uncond, 1.0, lambda a, b: torch.cat([a, b]))
    assert torch.equal(guided(x, 0).x0, x + cond)
    assert calls == [2]


def test_scale_zero_is_the_unconditional_prediction():
    calls: list[int] = []
    x, cond, uncond = torch.randn(2, 3), torch.full((2, 3), 2.0), torch.full((2, 3), -1.0)
    guided = classifier_free_guidance(_denoiser(calls), cond, uncond, 0.0, lambda a, b: torch.cat([a, b]))
    out = guided(x, 0)
    assert torch.allclose(out.x0, x + uncond) and torch.allclose(out.eps, x - uncond)
    assert calls == [4]  # one batched forward with [uncond, cond]


def test_scale_extrapolates_past_the_condition():
    x, cond, uncond = torch.zeros(1, 1), torch.ones(1, 1), torch.zeros(1, 1)
    guided = classifier_free_guidance(_denoiser([]), cond, uncond, 3.0, lambda a, b: torch.cat([a, b]))
    assert guided(x, 0).x0.item() == 3.0


def test_observe_sees_the_unguided_and_conditional_estimates():
    seen = []
    x, cond, uncond = torch.zeros(1, 1), torch.ones(1, 1), torch.full((1, 1), -1.0)
    guided = classifier_free_guidance(
        _denoiser([]), cond, uncond, 2.0, lambda a, b: torch.cat([a, b]), lambda u, c: seen.append((u.x0, c.x0))
    )
    guided(x, 0)
    assert seen == [(torch.full((1, 1), -1.0), torch.ones(1, 1))]
