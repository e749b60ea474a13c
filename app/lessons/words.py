"""Words to pictures: how the model reads a prompt, which words it was taught, and where each word lands."""

from typing import Annotated

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel

from app.deps import OptionsDep
from app.lessons.kit.deps import LessonGateDep, PipelineDep, check_length, lesson_query
from app.lessons.kit.lanes import Lane, Shown, drawing_lane
from app.lessons.kit.lesson import Lesson
from app.lessons.kit.queries import LessonRun
from app.lessons.kit.sheets import heat_overlays, png_data_urls
from model.capabilities import HasCrossAttention
from model.clip import clip_with_pictures
from model.lessons.word_maps import word_maps
from model.lessons.words import picture_word_match, place_among, words_of
from model.pipeline import GenerationRequest, Pipeline

router = APIRouter()


class Word(BaseModel):
    text: str
    taught: bool | None  # in the captions the loaded weights were trained on; None when they did not say


class Reading(BaseModel):
    """A prompt as the model reads it."""

    words: list[Word]
    tokens: list[str]  # the pieces the tokenizer cut the prompt into, in order
    max_tokens: int  # the model reads no further than this


@router.get("/api/lessons/words")
def reading(prompt: str, pipeline: PipelineDep, options: OptionsDep) -> Reading:
    """The prompt's words, each marked taught or not, and its tokens."""
    check_length(prompt, options)
    taught = pipeline.weights.vocabulary
    return Reading(
        words=[Word(text=word, taught=None if taught is None else word in taught) for word in words_of(prompt)],
        tokens=pipeline.clip.token_strings(prompt),
        max_tokens=pipeline.max_prompt_tokens,
    )


class TokenMap(BaseModel):
    token: str
    map: str  # PNG data URL: the finished picture, lit where this token was looked at


class WordMapsAnswer(BaseModel):
    picture: str  # PNG data URL of the finished picture
    maps: list[TokenMap]


@router.get("/api/lessons/word-maps")
async def where_words_land(
    query: Annotated[LessonRun, lesson_query(LessonRun)], pipeline: PipelineDep, gate: LessonGateDep
) -> WordMapsAnswer:
    """Team CNN (ours, or a Stable Diffusion folder's U-Net) draws the prompt; every cross-attention map of
    every step, per token, added up (DAAM)."""
    if pipeline.team_with(HasCrossAttention) is None:
        raise HTTPException(404, "The word maps show Team CNN's attention, and this model has no such team.")
    return await gate.run(_maps, pipeline, query)


def _maps(pipeline: Pipeline, query: LessonRun) -> WordMapsAnswer:
    request = GenerationRequest(prompt=query.prompt, seed=query.seed, num_inference_steps=query.steps)
    found = word_maps(pipeline, request)
    lit = png_data_urls(heat_overlays(found.picture, found.maps))
    return WordMapsAnswer(
        picture=png_data_urls(found.picture)[0],
        maps=[TokenMap(token=token, map=url) for token, url in zip(found.tokens, lit)],
    )


def words_lanes(pipeline: Pipeline, request: GenerationRequest) -> dict[str, Lane]:
    """A plain run, with how well the model's guess matches the words at every step: its CLIP score, and how many
    of the things the model knows by name fit the guess better; a ValueError before the run when the model's text
    encoder cannot read pictures."""
    clip = clip_with_pictures(pipeline.clip)
    own = request.prompt.strip().lower()
    others = [thing for thing in pipeline.weights.things if thing != own]  # the prompt is not its own rival

    def lane() -> Lane:
        words = clip.encode_text([request.prompt, *others]) if others else None  # once a run, on the run's thread
        for shown in drawing_lane(pipeline, request):
            facts: dict[str, float | int] = {
                "clip_score": float(picture_word_match(clip, request.prompt, shown.panels[1])[0])
            }
            if words is not None:  # weights that recorded their things: the prompt's place among their names
                facts |= {"beaten_by": place_among(clip, words, shown.panels[1])[0], "rivals": len(others)}
            yield Shown(shown.panels, facts)

    return {"words": lane()}


LESSON = Lesson(
    "words",
    "Words to pictures",
    "Words",
    "How the model reads your words, and how well its picture matches them.",
    router=router,
    live={"words": words_lanes},
)
