"""A lesson's drawn picture is kept per pipeline, and goes when its pipeline goes."""

import gc
import weakref

import torch

from app.lessons.kit import start_pictures
from app.lessons.kit.start_pictures import drawn_picture
from model.loading import tiny_pipeline


def test_a_drawing_is_kept_for_its_pipeline_and_freed_with_it(monkeypatch):
    monkeypatch.setattr(start_pictures, "KEPT_DRAWINGS", 2)
    pipeline = tiny_pipeline()
    unet = pipeline.team("unet")
    first = drawn_picture(pipeline, "a red apple", 3, unet)
    assert drawn_picture(pipeline, "a red apple", 3, unet) is first
    assert not torch.equal(drawn_picture(pipeline, "a red apple", 4, unet), first)
    drawn_picture(pipeline, "a red apple", 3, unet)  # used again: now seed 4 is the least recently used
    drawn_picture(pipeline, "a dot", 0, unet)  # evicts seed 4
    assert drawn_picture(pipeline, "a red apple", 3, unet) is first
    drawn_picture(pipeline, "a dot", 1, unet)  # evicts the first dot
    drawn_picture(pipeline, "a dot", 2, unet)  # evicts the apple
    assert drawn_picture(pipeline, "a red apple", 3, unet) is not first
    assert torch.equal(drawn_picture(pipeline, "a red apple", 3, unet), first)

    gone = weakref.ref(pipeline)
    del pipeline
    gc.collect()
    assert gone() is None
