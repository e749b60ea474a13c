"""Progressive distillation: a student's one step lands exactly where its teacher's two do, and it learns them."""

import copy

import pytest
import torch

from model.denoiser import ModelDenoiser
from model.diffusion import Estimate, q_sample
from model.loading import tiny_pipeline
from model.training.distil_steps import ddim_to, guided, student_loss, two_step_target

SPREAD = 0.5  # the analytic teacher's data: x0 ~ N(0, SPREAD²)


def _gaussian_teacher(alpha_bars: dict[int, float]):
    """The exact denoiser of Gaussian data: E[x0 | z] = √ᾱ s² z / (ᾱ s² + 1 − ᾱ)."""

    def teacher(z: torch.Tensor, t: int) -> Estimate:
        a = alpha_bars[t]
        x0 = a**0.5 * SPREAD**2 * z / (a * SPREAD**2 + 1 - a)
        return Estimate(x0=x0, eps=(z - a**0.5 * x0) / (1 - a) ** 0.5)

    return teacher


def test_a_ddim_step_told_the_true_picture_keeps_the_same_dust():
    x0, noise = torch.randn(2, 4, 8, 8), torch.randn(2, 4, 8, 8)
    z = q_sample(x0, torch.full((2,), 0.3), noise)
    torch.testing.assert_close(ddim_to(z, x0, 0.3, 0.8), q_sample(x0, torch.full((2,), 0.8), noise))


@pytest.mark.parametrize("alpha_bars", [(0.01, 0.2, 0.6), (0.4, 0.7, 1.0)], ids=["midway", "last step"])
def test_one_student_step_to_the_target_lands_where_the_teachers_two_steps_do(alpha_bars):
    a, a_mid, a_next = alpha_bars
    teacher = _gaussian_teacher({10: a, 5: a_mid})
    z = torch.randn(3, 4, 8, 8)
    target = two_step_target(teacher, z, (10, 5), alpha_bars)
    z_mid = ddim_to(z, teacher(z, 10).x0, a, a_mid)
    two_steps = ddim_to(z_mid, teacher(z_mid, 5).x0, a_mid, a_next)
    torch.testing.assert_close(ddim_to(z, target, a, a_next), two_steps)
    if a_next == 1.0:
        torch.testing.assert_close(target, two_steps)  # the last step's target is the teacher's picture itself


def test_a_student_learns_its_teachers_two_guided_steps_and_guidance_one_is_the_plain_network():
    torch.manual_seed(0)
    pipeline = tiny_pipeline(latent=True)
    team = pipeline.team("dit")
    for p in team.network.parameters():  # as if trained: adaLN-Zero outputs would ignore the words
        torch.nn.init.normal_(p, std=0.1)
    cond = pipeline.clip.condition(["a dog", "a cat"])
    plain = guided(team, team.network, cond, pipeline.clip.empty, 1.0)
    x = torch.randn(2, 4, team.config.image_size, team.config.image_size)
    schedule = team.training_schedule()
    assert torch.equal(plain(x, 500).x0, ModelDenoiser(team.network, team.config, schedule, schedule)(x, 500, cond).x0)

    teacher = guided(team, team.network, cond, pipeline.clip.empty, 2.0)
    student = copy.deepcopy(team.network).train().requires_grad_(True)
    optimizer = torch.optim.Adam(student.parameters(), lr=3e-3)
    x0 = torch.randn(2, 4, team.config.image_size, team.config.image_size)
    losses = []
    for step in range(60):
        loss = student_loss(student, team, teacher, x0, cond, 1, torch.Generator().manual_seed(step % 2))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    assert sum(losses[-4:]) < 0.5 * sum(losses[:4])
