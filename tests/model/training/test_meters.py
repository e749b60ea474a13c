import torch

from model.loading import tiny_pipeline
from model.training.meters import ConceptProbe, nearest_concepts


def test_each_picture_takes_the_concept_of_its_nearest_reference():
    references = torch.stack([torch.full((3, 4, 4), -1.0), torch.full((3, 4, 4), 1.0)])
    drawn = torch.stack([torch.full((3, 4, 4), 0.8), torch.full((3, 4, 4), -0.3), torch.full((3, 4, 4), 0.1)])
    assert nearest_concepts(drawn, references, torch.tensor([5, 9])).tolist() == [9, 5, 9]


def test_a_probe_scores_a_pipeline_between_zero_and_one():
    pipeline = tiny_pipeline(latent=True)
    probe = ConceptProbe(concepts=[0, 1], references=torch.zeros(2, 3, 32, 32), reference_concepts=torch.tensor([0, 7]))
    scores = probe.measure(pipeline, "dit")
    assert set(scores) == {"nearest_concept"} and scores["nearest_concept"] in (0.0, 0.5)  # concept 1 never matches
