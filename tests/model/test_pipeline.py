from dataclasses import replace

import pytest
import torch

from model.denoiser import ModelDenoiser
from model.lessons.diversity import draw_without_dust
from model.loading import tiny_pipeline
from model.pipeline import GenerationRequest, Pipeline, quick_request
from model.schedules import make_schedule


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return tiny_pipeline()


def _final(pipeline: Pipeline, **fields) -> torch.Tensor:
    return list(pipeline.generate(GenerationRequest("a dog", **fields)))[-1].x_next


@pytest.mark.parametrize("backbone", ["unet", "dit"])
def test_generate_streams_every_step(pipeline, backbone):
    steps = list(pipeline.generate(GenerationRequest("a dog", num_inference_steps=6, backbone=backbone, num_images=2)))
    assert len(steps) == 6
    assert steps[-1].x_next.shape == (2, 3, pipeline.image_size, pipeline.image_size)


def test_seeds_reproduce_and_differ(pipeline):
    assert torch.equal(_final(pipeline, seed=3, num_inference_steps=4), _final(pipeline, seed=3, num_inference_steps=4))
    assert not torch.equal(
        _final(pipeline, seed=3, num_inference_steps=4), _final(pipeline, seed=4, num_inference_steps=4)
    )


def test_first_image_of_a_batch_matches_a_single_run(pipeline):
    batch = _final(pipeline, seed=7, num_images=3, sampler="ddim", num_inference_steps=4)
    single = _final(pipeline, seed=7, num_images=1, sampler="ddim", num_inference_steps=4)
    assert torch.allclose(batch[:1], single, atol=1e-5)
    assert not torch.allclose(batch[0], batch[1])


def test_should_stop_ends_the_run_after_the_current_step(pipeline):
    seen = []
    for step in pipeline.generate(
        GenerationRequest("a dog", num_inference_steps=10), should_stop=lambda: len(seen) >= 3
    ):
        seen.append(step.index)
    assert seen == [0, 1, 2]


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("num_inference_steps", 0, "steps"),
        ("num_inference_steps", 100_000, "steps"),
        ("guidance_scale", float("nan"), "guidance"),
        ("seed", -1, "seed"),
        ("sampler", "euler_magic", "sampler"),
        ("backbone", "mlp", "backbone"),
        ("schedule", "wiggly", "schedule"),
    ],
)
def test_bad_requests_raise_a_clear_error(pipeline, field, value, message):
    with pytest.raises(ValueError, match=message):
        next(pipeline.generate(GenerationRequest("a dog", **{field: value})))


def test_switching_schedule_feeds_the_network_the_same_noise_level():
    training, sampling = make_schedule("cosine"), make_schedule("linear")
    denoiser = ModelDenoiser(torch.nn.Identity(), None, training, sampling)
    for t in (10, 400, 900):
        mapped = denoiser.network_timestep(t)
        lo, hi = int(mapped), min(int(mapped) + 1, 999)
        bracket = sorted([float(training.alphas_cumprod[lo]), float(training.alphas_cumprod[hi])])
        assert bracket[0] - 1e-9 <= float(sampling.alphas_cumprod[t]) <= bracket[1] + 1e-9
    assert ModelDenoiser(torch.nn.Identity(), None, training, training).network_timestep(123) == 123


def test_schedule_choice_changes_the_picture(pipeline):
    assert not torch.allclose(
        _final(pipeline, num_inference_steps=5), _final(pipeline, num_inference_steps=5, schedule="linear")
    )


@pytest.fixture(scope="module")
def latent_pipeline() -> Pipeline:
    return tiny_pipeline(latent=True)


@pytest.mark.parametrize("backbone", ["unet", "dit"])
def test_latent_teams_stream_painted_pictures_and_their_latent(latent_pipeline, backbone):
    request = GenerationRequest("a dog", num_inference_steps=3, backbone=backbone, num_images=2)
    steps = list(latent_pipeline.generate(request))
    assert latent_pipeline.team(backbone).draws_in_latent and not tiny_pipeline().team(backbone).draws_in_latent
    size, book = latent_pipeline.image_size, latent_pipeline.sketchbook.config
    for step in steps:
        assert step.x_t.shape == step.pred_x0.shape == step.x_next.shape == (2, 3, size, size)
        assert step.latent.shape == (2, book.latent_channels, book.latent_size, book.latent_size)
        assert torch.allclose(step.x_t, latent_pipeline.to_pictures(step.latent), atol=1e-6)
        assert torch.allclose(step.pred_noise, step.x_t - step.pred_x0)
        assert not step.preview
    for earlier, later in zip(steps, steps[1:]):  # before the last step, x_next (the next x_t) is only previewed
        assert torch.allclose(earlier.x_next, latent_pipeline.preview(later.latent), atol=1e-6)


def test_steps_the_decoder_does_not_paint_show_the_preview_and_the_last_step_paints_the_picture(latent_pipeline):
    request = GenerationRequest("a dog", num_inference_steps=5, backbone="dit", seed=4)
    painted = list(latent_pipeline.generate(request))
    steps = list(latent_pipeline.generate(request, paints=lambda index: index % 2 == 0))
    assert [step.preview for step in steps] == [False, True, False, True, False]
    for step, reference in zip(steps, painted):
        assert torch.equal(step.latent, reference.latent)  # the drawing itself does not change, only its view
        view = latent_pipeline.preview if step.preview else latent_pipeline.to_pictures
        assert torch.allclose(step.x_t, view(step.latent), atol=1e-5)
        assert torch.allclose(step.pred_noise, step.x_t - step.pred_x0)
    assert torch.allclose(steps[-1].x_next, painted[-1].x_next, atol=1e-5)
    never = list(latent_pipeline.generate(request, paints=lambda index: False))
    assert all(step.preview for step in never) and torch.allclose(never[-1].x_next, painted[-1].x_next, atol=1e-5)


def test_a_step_painter_paints_every_step_but_the_last_which_the_decoder_paints():
    pipeline = tiny_pipeline(latent=True, step_painter=True)
    request = GenerationRequest("a dog", num_inference_steps=4, backbone="unet", num_images=2, seed=3)
    steps = list(pipeline.generate(request))
    assert pipeline.step_painter is not None
    for step in steps[:-1]:  # x_t's latent is kept beside it (x̂0's is not, and goes through the same call)
        torch.testing.assert_close(step.x_t, pipeline.step_painter(step.latent))
        assert not torch.allclose(step.x_t, pipeline.to_pictures(step.latent), atol=1e-2), "two painters differ"
    last = steps[-1]
    torch.testing.assert_close(last.x_t, pipeline.to_pictures(last.latent))
    torch.testing.assert_close(last.x_next, pipeline.sample(request))


def test_a_step_painter_needs_a_sketchbook(latent_pipeline):
    painter = tiny_pipeline(latent=True, step_painter=True).step_painter
    with pytest.raises(ValueError, match="no sketchbook"):
        Pipeline(tiny_pipeline().clip, tiny_pipeline().teams.values(), step_painter=painter)


def test_a_latent_team_without_a_sketchbook_is_refused(latent_pipeline):
    with pytest.raises(ValueError, match="autoencoder"):
        Pipeline(latent_pipeline.clip, latent_pipeline.teams.values())


def test_no_dust_in_the_sketchbook_is_painted_by_the_decoder(latent_pipeline):
    teams = latent_pipeline.teams.values()
    unet = latent_pipeline.team("unet")
    twin = Pipeline(latent_pipeline.clip, teams, no_dust=unet, sketchbook=latent_pipeline.sketchbook)
    pictures = draw_without_dust(twin, "a cat", 2)
    assert pictures.shape == (2, 3, 32, 32) and torch.equal(pictures[0], pictures[1])


@pytest.mark.parametrize("latent", [False, True])
def test_sample_gives_the_picture_the_stream_ends_on(pipeline, latent_pipeline, latent):
    drawing = latent_pipeline if latent else pipeline
    request = GenerationRequest("a cat", backbone="dit", num_inference_steps=4, num_images=2, seed=3)
    streamed = list(drawing.generate(request))[-1].x_next
    assert torch.allclose(drawing.sample(request), streamed, atol=1e-6)


def test_no_picture_of_one_run_is_a_picture_of_a_nearby_seeds_run():
    unet = tiny_pipeline().team("unet")
    eight = unet.initial_noise(7, 8)
    assert torch.equal(eight[:1], unet.initial_noise(7, 1))  # picture 0 is the one-picture run's
    nearby = torch.cat([unet.initial_noise(seed, 8) for seed in (0, 6, 8, 9, 2**31 - 1)])
    everything = torch.cat([eight, nearby]).flatten(1)
    assert len(torch.unique(everything, dim=0)) == len(everything), "two pictures share their dust"


@pytest.fixture(scope="module")
def quick_pipeline() -> Pipeline:
    return tiny_pipeline(quick_steps=2)


@pytest.mark.parametrize("backbone", ["unet", "dit"])
def test_a_quick_run_is_the_students_few_ddim_steps_unguided(quick_pipeline, backbone):
    team = quick_pipeline.teams[backbone]
    drawn = list(quick_pipeline.generate(quick_request(GenerationRequest("a dog", backbone=backbone, seed=5), 2)))
    calls: list[int] = []
    hook = team.network.register_forward_hook(lambda *_: calls.append(1))
    try:  # the student alone as a team, asked plainly for what a quick run settles on
        alone = Pipeline(quick_pipeline.clip, [replace(team.quick, quick=None)])
        plain = GenerationRequest("a dog", backbone=backbone, seed=5, sampler="ddim", num_inference_steps=2)
        expected = list(alone.generate(replace(plain, guidance_scale=1.0)))
    finally:
        hook.remove()
    assert len(drawn) == 2 and not calls, "the teacher drew"
    assert torch.equal(drawn[-1].x_next, expected[-1].x_next)


def test_quick_runs_the_student_cannot_draw_are_refused(pipeline, quick_pipeline):
    settled = quick_request(GenerationRequest("a dog", backbone="dit"), 2)
    with pytest.raises(ValueError, match="has no quick lane"):
        next(pipeline.generate(settled))
    for field, value in [("num_inference_steps", 20), ("guidance_scale", 2.0), ("sampler", "dpmpp_2m")]:
        with pytest.raises(ValueError, match="its student's 2 steps with ddim and no hint"):
            next(quick_pipeline.generate(replace(settled, **{field: value})))
