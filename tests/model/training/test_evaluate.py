import pytest
import torch

from model.data.concepts import CONCEPTS
from model.loading import tiny_pipeline
from model.pipeline import Pipeline
from model.training.evaluate import embedding_variety, lesson_variety_scale, variety_scale, where_missed
from model.training.judge import Judge


@pytest.fixture(scope="module")
def tools() -> tuple[Pipeline, Judge]:
    return tiny_pipeline(), Judge(num_classes=5, width=8).eval()


def test_copies_have_no_variety_and_different_pictures_some(tools):
    pipeline, judge = tools
    picture = torch.rand(1, 3, 32, 32) * 2 - 1
    assert embedding_variety(picture.repeat(4, 1, 1, 1), 4, pipeline, judge) == pytest.approx((0.0, 0.0), abs=1e-5)
    clip_variety, judge_variety = embedding_variety(torch.rand(8, 3, 32, 32) * 2 - 1, 4, pipeline, judge)
    assert clip_variety > 0 and judge_variety > 0


def test_the_scale_names_its_three_references(tools):
    pipeline, judge = tools
    pictures = torch.rand(16 * 2, 3, 32, 32) * 2 - 1  # 16 concepts × 2 styles
    scale = variety_scale(pictures, 2, pipeline, judge)
    assert list(scale) == ["8 copies of one picture", "the 2 styles of one concept", "8 different concepts"]
    assert scale["8 copies of one picture"] == pytest.approx((0.0, 0.0), abs=1e-5)
    assert scale["the 2 styles of one concept"] == embedding_variety(pictures, 2, pipeline, judge)


def test_the_lessons_scale_runs_from_one_copy_to_eight_different_pictures():
    flat = torch.linspace(-1, 1, 16)[:, None, None, None].expand(16, 3, 32, 32)  # 8 concepts × 2 styles, all distinct
    scale = lesson_variety_scale(flat.contiguous(), 2)
    assert list(scale) == ["8 copies of one picture", "2 styles of one emoji", "its 2 styles", "8 different emoji"]
    assert scale["8 copies of one picture"] == pytest.approx(1.0)
    assert 1.0 < scale["2 styles of one emoji"] <= 2.0 and scale["2 styles of one emoji"] == scale["its 2 styles"]
    assert 1.0 < scale["8 different emoji"] <= 8.0


def test_misses_name_the_concepts_read_wrong_worst_first_and_score_each_category():
    first, second, third = CONCEPTS[0], CONCEPTS[1], CONCEPTS[2]
    labels = torch.tensor([0, 0, 1, 1, 2, 2])  # three prompts, two seeds each
    read = torch.tensor([0, 2, 1, 1, 1, 0])  # the first prompt half right, the third all wrong
    report = where_missed(torch.nn.functional.one_hot(read, len(CONCEPTS)).float(), labels, 2)
    assert report["missed"] == [
        {"concept": third.name, "hits": 0, "read_as": [second.name, first.name]},
        {"concept": first.name, "hits": 1, "read_as": [third.name]},
    ]
    hits_by_category: dict[str, list[int]] = {}
    for concept, hits in ((first, [1, 0]), (second, [1, 1]), (third, [0, 0])):
        hits_by_category.setdefault(concept.category, []).extend(hits)
    assert report["top1_by_category"] == {c: round(sum(h) / len(h), 3) for c, h in sorted(hits_by_category.items())}
