import math

import pytest
import torch

from model.schedules import SCHEDULES, make_schedule

GOLDEN = {  # ᾱ_t at t = 0, 250, 500, 750 for T = 1000
    "linear": [0.9999, 0.521423, 0.077797, 0.0033],
    "cosine": [0.999959, 0.845888, 0.492285, 0.143179],
    "sigmoid": [0.995, 0.150243, 0.013164, 0.001004],
    "scaled_linear": [0.99915, 0.673793, 0.276333, 0.05617],  # ᾱ_0 = 1 − 0.00085, Stable Diffusion's first beta
}


@pytest.mark.parametrize("name", SCHEDULES)
def test_golden_values(name):
    alpha_bar = make_schedule(name).alphas_cumprod
    got = [float(alpha_bar[t]) for t in (0, 250, 500, 750)]
    assert got == pytest.approx(GOLDEN[name], abs=2e-6)


@pytest.mark.parametrize("name", SCHEDULES)
@pytest.mark.parametrize("length", [10, 1000])
def test_alpha_bar_decreases_within_unit_interval(name, length):
    alpha_bar = make_schedule(name, length).alphas_cumprod
    assert torch.all(alpha_bar > 0) and torch.all(alpha_bar < 1)
    assert torch.all(alpha_bar[1:] < alpha_bar[:-1])


def test_every_two_clocks_disagree_where_a_class_can_see_it():
    """The Clock lesson's claim: at 20 steps, any two clocks differ by at least 0.15 of picture somewhere."""
    steps = torch.linspace(0, 999, 20).long()
    curves = {name: make_schedule(name).alphas_cumprod[steps] for name in SCHEDULES}
    for i, a in enumerate(SCHEDULES):
        for b in SCHEDULES[i + 1 :]:
            assert float((curves[a] - curves[b]).abs().max()) >= 0.15, (a, b)


def test_cosine_matches_its_closed_form_away_from_the_clip():
    alpha_bar = make_schedule("cosine").alphas_cumprod
    f = lambda s: math.cos((s + 0.008) / 1.008 * math.pi / 2) ** 2  # noqa: E731
    for t in (0, 100, 600, 900):
        assert float(alpha_bar[t]) == pytest.approx(f((t + 1) / 1000) / f(0), rel=1e-9)


def test_snr_and_sigma_agree():
    schedule = make_schedule("linear")
    assert torch.allclose(schedule.sigmas() ** -2, schedule.snr())


def test_unknown_schedule_names_the_known_ones():
    with pytest.raises(ValueError, match="cosine"):
        make_schedule("wiggly")
