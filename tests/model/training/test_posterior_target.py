import torch

from model.training.posterior_target import PosteriorMean


def _two_points() -> PosteriorMean:
    """Two one-number pictures, +1 and −1, both named "dot"; "plus" names only the first."""
    pictures = torch.tensor([1.0, -1.0]).view(2, 1, 1, 1)
    return PosteriorMean(pictures, [["dot", "plus"], ["dot"]], {"": 0, "dot": 1, "plus": 2})


def test_two_point_posterior_mean_is_tanh():
    """For x0 = ±1 with equal odds, E[x0 | x_t] = tanh(√ᾱ x_t / (1 − ᾱ)) in closed form."""
    posterior = _two_points()
    x_t = torch.tensor([0.3, -0.7, 1.5]).view(3, 1, 1, 1)
    alpha_bar = torch.tensor([0.5, 0.2, 0.9])
    # "dot" has likelihood 1/2 under the first picture (two captions) and 1 under the second
    prior_odds = torch.tensor(0.5)
    expected = torch.tanh(alpha_bar.sqrt() * x_t.flatten() / (1 - alpha_bar) + prior_odds.log() / 2)
    got = posterior(x_t, alpha_bar, torch.tensor([1, 1, 1])).flatten()
    torch.testing.assert_close(got, expected)
    uniform = posterior(x_t, alpha_bar, torch.tensor([0, 0, 0])).flatten()
    torch.testing.assert_close(uniform, torch.tanh(alpha_bar.sqrt() * x_t.flatten() / (1 - alpha_bar)))


def test_a_caption_naming_one_picture_gives_that_picture_at_any_noise():
    posterior = _two_points()
    x_t = torch.tensor([-3.0, 0.0]).view(2, 1, 1, 1)
    got = posterior(x_t, torch.tensor([1e-4, 0.99]), torch.tensor([2, 2]))
    torch.testing.assert_close(got.flatten(), torch.tensor([1.0, 1.0]))


def test_at_pure_dust_the_target_is_the_average_of_the_named_pictures():
    pictures = torch.randn(5, 4, 8, 8, generator=torch.Generator().manual_seed(0))
    captions = [["cat"], ["cat"], ["dog"], ["dog"], ["dog"]]
    posterior = PosteriorMean(pictures, captions, {"": 0, "cat": 1, "dog": 2})
    x_t = torch.randn(3, 4, 8, 8)
    got = posterior(x_t, torch.zeros(3), torch.tensor([1, 2, 0]))
    torch.testing.assert_close(got[0], pictures[:2].mean(0), atol=1e-6, rtol=0)
    torch.testing.assert_close(got[1], pictures[2:].mean(0), atol=1e-6, rtol=0)
    torch.testing.assert_close(got[2], pictures.mean(0), atol=1e-6, rtol=0)


def test_every_table_stays_on_the_pictures_device():
    """A GPU run builds the tables once beside its latents, so no step copies them (meta stands in for a GPU)."""
    posterior = PosteriorMean(torch.zeros(2, 1, 1, 1, device="meta"), [["dot"], ["dot"]], {"": 0, "dot": 1})
    tables = (posterior.flat, posterior.squared_norms, posterior.log_likelihood)
    assert {table.device.type for table in tables} == {"meta"}
