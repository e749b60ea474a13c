import pytest
import torch

from model.samplers import SAMPLERS, ddim, get_sampler, inference_timesteps, sample
from model.schedules import make_schedule
from tests.model.conftest import GaussianDenoiser

MEAN, STD = 0.5, 0.3
STEPS = {"ddpm": 1000, "ddim": 250, "dpmpp_2m": 50, "heun": 60}


@pytest.mark.parametrize("name", SAMPLERS)
@pytest.mark.parametrize("schedule_name", ["cosine", "linear"])
def test_exact_denoiser_gives_the_data_distribution(name, schedule_name):
    schedule = make_schedule(schedule_name)
    denoiser = GaussianDenoiser(schedule.alphas_cumprod, MEAN, STD)
    generator = torch.Generator().manual_seed(1)
    noise = torch.randn((4000, 1, 4, 4), generator=generator)
    x = sample(get_sampler(name), denoiser, noise, schedule, STEPS[name], generator)
    assert x.mean().item() == pytest.approx(MEAN, abs=0.01)
    assert x.std().item() == pytest.approx(STD, abs=0.01)


def test_second_order_solver_beats_ddim_at_few_steps():
    schedule = make_schedule("cosine")
    denoiser = GaussianDenoiser(schedule.alphas_cumprod, MEAN, STD)
    noise = torch.randn(4000, 1, 4, 4)
    error = {
        name: abs(sample(SAMPLERS[name], denoiser, noise, schedule, 15).std().item() - STD)
        for name in ("ddim", "dpmpp_2m")
    }
    assert error["dpmpp_2m"] < error["ddim"] / 2


def test_ddim_without_eta_is_deterministic():
    schedule = make_schedule("cosine")
    denoiser = GaussianDenoiser(schedule.alphas_cumprod, MEAN, STD)
    noise = torch.randn(8, 3, 4, 4)
    first = sample(ddim, denoiser, noise, schedule, 10, torch.Generator().manual_seed(1))
    second = sample(ddim, denoiser, noise, schedule, 10, torch.Generator().manual_seed(2))
    assert torch.equal(first, second)


def test_ddpm_is_stochastic_but_seedable():
    schedule = make_schedule("cosine")
    denoiser = GaussianDenoiser(schedule.alphas_cumprod, MEAN, STD)
    noise = torch.randn(8, 3, 4, 4)
    run = lambda seed: sample(SAMPLERS["ddpm"], denoiser, noise, schedule, 10, torch.Generator().manual_seed(seed))  # noqa: E731
    assert torch.equal(run(1), run(1))
    assert not torch.equal(run(1), run(2))


@pytest.mark.parametrize("name", SAMPLERS)
@pytest.mark.parametrize("num_steps", [1, 7, 25, 1000])
def test_yields_every_step_with_falling_noise(name, num_steps):
    schedule = make_schedule("cosine")
    denoiser = GaussianDenoiser(schedule.alphas_cumprod, MEAN, STD)
    steps = list(get_sampler(name)(denoiser, torch.randn(2, 3, 4, 4), schedule, num_steps))
    assert [s.index for s in steps] == list(range(num_steps))
    sigmas = [s.sigma for s in steps]
    assert all(a > b for a, b in zip(sigmas, sigmas[1:]))
    assert all(torch.equal(a.x_next, b.x_t) for a, b in zip(steps, steps[1:]))
    assert steps[0].timestep == 999


@pytest.mark.parametrize("name", ["ddim", "dpmpp_2m"])
def test_a_run_started_part_way_continues_like_the_full_run(name):
    schedule = make_schedule("cosine")
    denoiser = GaussianDenoiser(schedule.alphas_cumprod, MEAN, STD)
    full = list(get_sampler(name)(denoiser, torch.randn(4, 1, 4, 4), schedule, 10))
    tail = list(get_sampler(name)(denoiser, full[3].x_t, schedule, 10, start_index=3))
    assert [s.index for s in tail] == list(range(3, 10))
    assert [s.timestep for s in tail] == [s.timestep for s in full[3:]]
    if name == "ddim":  # stateless, so the very next state is identical; DPM++ restarts at first order
        assert torch.equal(tail[0].x_next, full[3].x_next)
    assert torch.allclose(tail[-1].x_next, full[-1].x_next, atol=1e-2)
    assert list(get_sampler(name)(denoiser, full[-1].x_next, schedule, 10, start_index=10)) == []
    with pytest.raises(ValueError, match="between 0 and 10"):
        list(get_sampler(name)(denoiser, full[0].x_t, schedule, 10, start_index=11))


def test_timesteps_are_trailing_and_bounded():
    assert inference_timesteps(1000, 4) == [999, 749, 499, 249]
    assert inference_timesteps(10, 10) == list(range(9, -1, -1))
    for bad in (0, 1001):
        with pytest.raises(ValueError, match="between 1 and 1000"):
            inference_timesteps(1000, bad)


def test_unknown_sampler_is_a_clear_error():
    with pytest.raises(ValueError, match="dpmpp_2m"):
        get_sampler("euler_magic")


def test_heun_looks_twice_a_step_and_converges_faster_than_ddim():
    """For Gaussian data the probability-flow ODE is solved exactly by x0 = m + (x_T/√ᾱ_T − m)·s/√(s² + σ_T²)."""
    schedule = make_schedule("cosine")
    denoiser = GaussianDenoiser(schedule.alphas_cumprod, MEAN, STD)
    noise = torch.randn(64, 1, 4, 4, generator=torch.Generator().manual_seed(3))
    a_first = float(schedule.alphas_cumprod[999])
    sigma_first = ((1 - a_first) / a_first) ** 0.5
    exact = MEAN + (noise / a_first**0.5 - MEAN) * STD / (STD**2 + sigma_first**2) ** 0.5
    looks = []
    counted = lambda x, t: looks.append(t) or denoiser(x, t)  # noqa: E731
    error = {}
    for steps in (10, 20):
        looks.clear()
        error[steps] = (sample(SAMPLERS["heun"], counted, noise, schedule, steps) - exact).abs().max().item()
        assert len(looks) == 2 * steps - 1, "two looks a step, one on the last"
        assert looks[:3] == [999, 999 - 1000 // steps, 999 - 1000 // steps], "the second look is at the next step"
    assert error[20] < error[10] / 2.3, "a first-order sampler (DDIM) only halves its error when the step halves"
    assert error[20] < (sample(ddim, denoiser, noise, schedule, 20) - exact).abs().max().item() / 1.9
