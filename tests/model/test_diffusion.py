import pytest
import torch

from model.diffusion import diffusion_loss, estimate_from_output, min_snr_weight, q_sample, training_target


def test_q_sample_matches_closed_form_moments():
    x0 = torch.full((200_000, 1, 1, 1), 0.6)
    alpha_bar = torch.full((200_000,), 0.3)
    x_t = q_sample(x0, alpha_bar, torch.randn_like(x0))
    assert x_t.mean().item() == pytest.approx(0.3**0.5 * 0.6, abs=0.01)
    assert x_t.var().item() == pytest.approx(0.7, abs=0.01)


@pytest.mark.parametrize("prediction", ["eps", "x0", "v"])
def test_perfect_prediction_recovers_x0_and_noise(prediction):
    x0, noise = torch.randn(4, 3, 8, 8), torch.randn(4, 3, 8, 8)
    alpha_bar = torch.tensor([0.9, 0.5, 0.1, 0.01])
    x_t = q_sample(x0, alpha_bar, noise)
    est = estimate_from_output(training_target(x0, noise, alpha_bar, prediction), x_t, alpha_bar, prediction)
    assert torch.allclose(est.x0, x0, atol=1e-4)
    assert torch.allclose(est.eps, noise, atol=1e-4)
    assert (
        diffusion_loss(training_target(x0, noise, alpha_bar, prediction), x0, noise, alpha_bar, prediction).item() == 0
    )


def test_min_snr_weight_makes_every_objective_an_x0_loss():
    alpha_bar = torch.tensor([0.99, 0.5, 0.01])
    snr = alpha_bar / (1 - alpha_bar)
    # ‖ε error‖² = SNR·‖x0 error‖² and ‖v error‖² = (SNR + 1)·‖x0 error‖², so all weights end at min(SNR, γ).
    assert torch.allclose(min_snr_weight(alpha_bar, "eps", 5.0) * snr, snr.clamp_max(5.0))
    assert torch.allclose(min_snr_weight(alpha_bar, "v", 5.0) * (snr + 1), snr.clamp_max(5.0))
    assert torch.equal(min_snr_weight(alpha_bar, "v", None), torch.ones(3))


def test_snr_floor_keeps_the_noisiest_steps_at_x0_weight_one():
    alpha_bar = torch.tensor([0.99, 0.5, 0.01, 1e-6])  # SNR 99, 1, ~0.01, ~1e-6
    x0_weight = min_snr_weight(alpha_bar, "v", 5.0, floor=1.0) * (alpha_bar / (1 - alpha_bar) + 1)
    assert torch.allclose(x0_weight, torch.tensor([5.0, 1.0, 1.0, 1.0]))
    plain = min_snr_weight(alpha_bar, "v", 5.0) * (alpha_bar / (1 - alpha_bar) + 1)
    assert plain[-1] < 1e-5, "without the floor the noisiest step barely counts"


def test_unknown_prediction_is_an_error():
    with pytest.raises(ValueError, match="prediction"):
        training_target(torch.zeros(1), torch.zeros(1), torch.ones(1), "score")
