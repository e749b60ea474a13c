"""The WebSocket protocol, defined once: JSON messages with a `type` field and one binary frame header.

docs/protocol.md explains it for people; the page reads the frame constants from /api/options, so this
module is the only place they are written down.
"""

import json
import struct
import unicodedata
from dataclasses import asdict, dataclass, fields
from enum import IntEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    model_validator,
)
from pydantic_core import PydanticCustomError

from app.blocked import NAME_REFUSAL, PROMPT_REFUSAL, BlockedWords
from model.pipeline import GenerationRequest, quick_request
from model.seeds import MAX_SEED

PROTOCOL_VERSION = 1
MAGIC = b"DD"
MAX_GUIDANCE_SCALE = 20.0
REVEAL_GIF_PATH = "/api/jobs/{job_id}/reveal.gif"  # where `done` says the run's animation can be fetched
ROOM_CODE_LENGTH = 4  # short enough to read off a projector
MAX_NAME_CHARS = 24  # a first name or a nickname under a picture on the wall
NAME_PUNCTUATION = frozenset(" -'’.")  # besides letters, marks and digits: "Zoë O’Brien-Li", "J. Smith"

_DEFAULTS: dict[str, Any] = {field.name: field.default for field in fields(GenerationRequest)}
LESSON_STEPS = 20  # a lesson run: enough for a good picture, few enough to watch step by step
MAX_LESSON_STEPS = 50
# none, the words alone, the app's default, a strong hint and shouting (the default moves, the sweep with it)
GUIDANCE_SWEEP = tuple(sorted({0.0, 1.0, _DEFAULTS["guidance_scale"], 5.0, 15.0}))

# ----------------------------------------------------------------------------------------------
# Binary frames: a 12-byte big-endian header, then the encoded picture.
# ----------------------------------------------------------------------------------------------


class FrameKind(IntEnum):
    """Which picture of a step a frame carries."""

    X_T = 0  # the noisy state ("the dusty paper")
    PRED_X0 = 1  # the model's guess of the clean picture
    PRED_NOISE = 2  # the model's guess of the dust, shown at 1/3 scale so ±3σ fits
    FINAL = 3  # the finished picture, sent once after the last step
    LATENT = 4  # the sketchbook: x_t in latent space, one grey tile per channel (latent teams only)


class ImageFormat(IntEnum):
    """How the bytes after the header are encoded."""

    PNG = 1
    JPEG = 2


# magic "DD", version u8, kind u8, image index in the batch u8, format u8, job id u32, step index u16
FRAME_FIELDS = {"magic": "2s", "version": "B", "kind": "B", "image": "B", "format": "B", "job": "I", "step": "H"}
FRAME_HEADER = struct.Struct("!" + "".join(FRAME_FIELDS.values()))
FRAME_OFFSETS = {  # where each field starts: network order packs them without padding
    name: struct.calcsize("!" + "".join(list(FRAME_FIELDS.values())[:i])) for i, name in enumerate(FRAME_FIELDS)
}


@dataclass(frozen=True)
class FrameHeader:
    """The fixed header in front of every binary image frame."""

    job_id: int
    step: int
    kind: FrameKind
    image: int = 0
    format: ImageFormat = ImageFormat.PNG

    def pack(self, payload: bytes) -> bytes:
        """Prefix an encoded picture with this header."""
        fields = (MAGIC, PROTOCOL_VERSION, self.kind, self.image, self.format, self.job_id, self.step)
        return FRAME_HEADER.pack(*fields) + payload

    @classmethod
    def unpack(cls, frame: bytes) -> tuple["FrameHeader", bytes]:
        """Split a frame into its header and picture bytes; rejects frames from another protocol."""
        magic, version, kind, image, fmt, job_id, step = FRAME_HEADER.unpack_from(frame)
        if magic != MAGIC or version != PROTOCOL_VERSION:
            raise ValueError(f"not a version-{PROTOCOL_VERSION} Dust to Detail frame")
        header = cls(job_id=job_id, step=step, kind=FrameKind(kind), image=image, format=ImageFormat(fmt))
        return header, frame[FRAME_HEADER.size :]


class FrameSpec(BaseModel):
    """The frame constants the page needs to read binary frames."""

    magic: str = MAGIC.decode()
    version: int = PROTOCOL_VERSION
    header_bytes: int = FRAME_HEADER.size
    offsets: dict[str, int] = FRAME_OFFSETS
    kinds: dict[str, int] = {kind.name.lower(): kind.value for kind in FrameKind}
    formats: dict[str, int] = {fmt.name.lower(): fmt.value for fmt in ImageFormat}


# ----------------------------------------------------------------------------------------------
# What a client may ask for, published by /api/options and enforced on every message.
# ----------------------------------------------------------------------------------------------


class Choice(BaseModel):
    """One option in a drop-down, with the words shown to students."""

    name: str
    label: str
    hint: str = ""


class Limits(BaseModel):
    """The bounds a `generate` message must respect."""

    max_steps: int
    max_prompt_chars: int
    max_num_images: int
    max_message_bytes: int
    max_guidance_scale: float = MAX_GUIDANCE_SCALE
    max_seed: int = MAX_SEED


class Defaults(BaseModel):
    """The settings the page starts with."""

    steps: int = _DEFAULTS["num_inference_steps"]
    guidance_scale: float = _DEFAULTS["guidance_scale"]
    sampler: str = _DEFAULTS["sampler"]
    backbone: str = "dit"  # the team whose pictures are recognised most often (model/weights/MODEL_CARD.md)
    num_images: int = _DEFAULTS["num_images"]


class LessonSettings(BaseModel):
    """What the lesson pages share, so their scripts read it rather than write it down."""

    steps: int = LESSON_STEPS  # a lesson run's sampler steps, and the dust sliders' positions past the clean picture
    max_steps: int = MAX_LESSON_STEPS  # one lesson can't ask for more work than another
    guidance_sweep: list[float] = list(GUIDANCE_SWEEP)  # the hint strengths the Hints lesson compares, in order


class SketchbookShape(BaseModel):
    """The latent space the teams draw in, when they draw in one (latent diffusion)."""

    latent_size: int  # the latent is latent_size × latent_size …
    latent_channels: int  # … with this many channels, shown as grey tiles
    pixels_per_cell: int  # picture pixels per side of one latent cell


class Options(BaseModel):
    """Everything the page needs to build its controls; also the rules `generate` is checked against."""

    image_size: int
    sketchbook: SketchbookShape | None = None  # None: the teams draw in pixels
    trained: bool
    num_train_timesteps: int
    training_schedule: str
    backbones: list[Choice]
    samplers: list[Choice]
    schedules: list[Choice]
    limits: Limits
    defaults: Defaults
    quick_steps: dict[str, int] = {}  # team → the steps its few-step student draws in: the teams with a quick lane
    lessons: LessonSettings = LessonSettings()
    frame: FrameSpec = FrameSpec()
    # the school's blocked words (app/blocked.py): a rule every prompt and name is checked against, never published
    _blocked_words: BlockedWords = PrivateAttr(default_factory=BlockedWords)

    def block_words(self, words: BlockedWords) -> "Options":
        """Check every prompt and name against `words` from now on."""
        self._blocked_words = words
        return self

    def blocks(self, *texts: str) -> bool:
        """Whether any of `texts` holds a blocked word."""
        return any(self._blocked_words.found_in(text) for text in texts)


# ----------------------------------------------------------------------------------------------
# Client → server messages.
# ----------------------------------------------------------------------------------------------


class Generate(BaseModel):
    """Start drawing a picture from a prompt."""

    model_config = ConfigDict(extra="forbid")

    type: Literal["generate"]
    prompt: str
    negative_prompt: str = _DEFAULTS["negative_prompt"]
    steps: int = _DEFAULTS["num_inference_steps"]
    guidance_scale: float = Field(_DEFAULTS["guidance_scale"], allow_inf_nan=False)
    seed: int | None = None  # None = the server rolls one and reports it in `start`
    sampler: str = _DEFAULTS["sampler"]
    backbone: str | None = _DEFAULTS["backbone"]  # None: the model's first team, settled by the check below
    num_images: int = _DEFAULTS["num_images"]
    schedule: str | None = _DEFAULTS["schedule"]  # None = the schedule the model was trained with
    quick: bool = _DEFAULTS["quick"]  # the team's few-step student draws, in its own steps, sampler and hint

    @model_validator(mode="after")
    def _within_limits(self, info: ValidationInfo) -> "Generate":
        """Check ranges and names against the published options, in words a student can act on."""
        options: Options = (info.context or {})["options"]
        limits = options.limits
        for problem in (
            prompt_refused(self.prompt),
            words_refused(options, ("prompt", self.prompt), ("negative prompt", self.negative_prompt)),
            count_refused("steps", self.steps, limits.max_steps),
            count_refused("pictures", self.num_images, limits.max_num_images),
            guidance_refused(self.guidance_scale, limits),
            seed_refused(self.seed, limits.max_seed),
        ):
            if problem is not None:
                raise problem
        if self.backbone is None:  # none named: the model's first team, first_team(pipeline), whose name leads
            self.backbone = options.backbones[0].name  # the list because the options list the teams in its order
        for label, name, choices in (
            ("sampler", self.sampler, options.samplers),
            ("backbone", self.backbone, options.backbones),
            ("noise schedule", self.schedule, options.schedules),
        ):
            known = [choice.name for choice in choices]
            if name is not None and name not in known:
                raise _invalid(f"There is no {label} called “{name}”; choose one of: {', '.join(known)}.")
        if self.quick:
            if self.backbone not in options.quick_steps:
                raise _invalid("This team has no quick lane here: switch Quick off, or pick a team that has one.")
            self.steps = options.quick_steps[self.backbone]  # the student's own steps, whatever the slider says
        return self

    def to_request(self, seed: int) -> GenerationRequest:
        """The pipeline's request for this message, with the seed settled; a quick one as its student draws it."""
        fields = self.model_dump(exclude={"type", "seed"})
        request = GenerationRequest(**{_REQUEST_NAMES.get(k, k): v for k, v in fields.items()}, seed=seed)
        return quick_request(request, self.steps) if self.quick else request


_REQUEST_NAMES = {"steps": "num_inference_steps"}  # the page's word → the request's, where they differ


def settings_of(request: GenerationRequest) -> dict[str, Any]:
    """A request in the page's words (the `generate` message's fields), for the gallery and its "run again" link."""
    page_names = {request_name: name for name, request_name in _REQUEST_NAMES.items()}
    return {page_names.get(k, k): v for k, v in asdict(request).items()}


REQUEST_SETTINGS = tuple(settings_of(GenerationRequest(prompt="")))


class Cancel(BaseModel):
    """Stop this connection's run; harmless when nothing is running."""

    model_config = ConfigDict(extra="forbid")

    type: Literal["cancel"]


class OpenRoom(BaseModel):
    """Become the teacher of a room: this connection's runs are streamed to everyone who joins it."""

    model_config = ConfigDict(extra="forbid")

    type: Literal["open_room"]
    key: str | None = Field(None, max_length=64)  # a room's key from `room`: take that room back after a reconnect


class JoinRoom(BaseModel):
    """Watch a teacher's runs live, next to this connection's own."""

    model_config = ConfigDict(extra="forbid")

    type: Literal["join_room"]
    code: str = Field(max_length=16)  # read case-insensitively; codes are ROOM_CODE_LENGTH letters


class SetName(BaseModel):
    """A student's first name or nickname, shown under their pictures on the class wall; "" for none."""

    model_config = ConfigDict(extra="forbid")

    type: Literal["set_name"]
    name: str

    @model_validator(mode="after")
    def _a_name(self, info: ValidationInfo) -> "SetName":
        """Spaces tidied; letters, digits and a few marks only, so no markup can ride along; no blocked word."""
        self.name = " ".join(self.name.split())
        if len(self.name) > MAX_NAME_CHARS:
            raise _invalid(f"Keep your name to {MAX_NAME_CHARS} characters; a first name or a nickname is plenty.")
        if any(unicodedata.category(c)[0] not in "LMN" and c not in NAME_PUNCTUATION for c in self.name):
            raise _invalid("A name may have letters, numbers, spaces, hyphens, apostrophes and full stops.")
        options: Options = (info.context or {})["options"]
        if options.blocks(self.name):
            raise PydanticCustomError("blocked_words", NAME_REFUSAL)
        return self


ClientCommand = Generate | Cancel | OpenRoom | JoinRoom | SetName
ClientMessage = Annotated[ClientCommand, Field(discriminator="type")]
_CLIENT_MESSAGE: TypeAdapter[ClientCommand] = TypeAdapter(ClientMessage)


def _invalid(sentence: str) -> PydanticCustomError:
    return PydanticCustomError("invalid_field", sentence)


# The checks every request shares, /ws and the lessons alike, each a sentence a student can act on (None: fine).


def prompt_refused(prompt: str) -> PydanticCustomError | None:
    return None if prompt.strip() else _invalid("Type a prompt first, for example “a smiling cat”.")


def words_refused(options: Options, *labelled: tuple[str, str]) -> PydanticCustomError | None:
    """A blocked word in any of the (label, text) pairs, or a text longer than the server takes."""
    if options.blocks(*(text for _, text in labelled)):
        return PydanticCustomError("blocked_words", PROMPT_REFUSAL)
    most = options.limits.max_prompt_chars
    for label, text in labelled:
        if len(text) > most:
            return _invalid(f"The {label} has {len(text)} characters; keep it to {most}.")
    return None


def count_refused(label: str, value: int, high: int) -> PydanticCustomError | None:
    return None if 1 <= value <= high else _invalid(f"Choose between 1 and {high} {label} (you asked for {value}).")


def guidance_refused(scale: float, limits: Limits) -> PydanticCustomError | None:
    if 0 <= scale <= limits.max_guidance_scale:
        return None
    return _invalid(f"Guidance must be between 0 and {limits.max_guidance_scale:g} (you asked for {scale:g}).")


def seed_refused(seed: int | None, high: int) -> PydanticCustomError | None:
    """None is no seed (the server rolls one); `high` is the largest seed the request may start from."""
    if seed is None or 0 <= seed <= high:
        return None
    return _invalid(f"The seed must be a whole number from 0 to {high} (you sent {seed}).")


# ----------------------------------------------------------------------------------------------
# Server → client messages.
# ----------------------------------------------------------------------------------------------

ErrorCode = Literal[
    "too_large",  # the message is bigger than limits.max_message_bytes
    "bad_json",  # not JSON, or not a JSON object
    "unknown_type",  # `type` missing or not a message this server knows (the message names them)
    "invalid_field",  # a field is missing, of the wrong kind, out of range or an unknown name
    "busy",  # a run is already going on this connection: cancel it first
    "queue_full",  # too many runs are waiting server-wide
    "generation_failed",  # the model raised; the message says what happened
    "rate_limited",  # this connection sends messages faster than limits allow
    "no_room",  # join_room named a room that isn't open
    "rooms_full",  # open_room: every room that could make space has a class in it
    "blocked_words",  # a prompt or a name holds a word on the school's blocked list (app/blocked.py)
]


class Hello(BaseModel):
    """Sent once on connect, so the page knows the protocol and how often to expect signs of life."""

    type: Literal["hello"] = "hello"
    protocol: int = PROTOCOL_VERSION
    heartbeat_seconds: float


class Accepted(BaseModel):
    """The run starts right away."""

    type: Literal["accepted"] = "accepted"
    job_id: int


class Queued(BaseModel):
    """The run waits behind others; sent again whenever the position changes."""

    type: Literal["queued"] = "queued"
    job_id: int
    position: int  # place in the waiting line, 1 = next in (runs already drawing are not counted)


class PromptReading(BaseModel):
    """How the model read the prompt, said beside the picture: words it was never taught, and the things it names
    (our teams draw one thing at a time, so two or more named things get a sentence too)."""

    untaught: list[str]  # in the order typed, each once
    things: list[str]  # the things it knows by name that the prompt names, in the order typed


class Started(BaseModel):
    """The model has picked the run up; binary frames for this job id follow."""

    type: Literal["start"] = "start"
    job_id: int
    total_steps: int
    image_size: int
    num_images: int
    seed: int
    sampler: str
    backbone: str
    schedule: str
    sketchbook: bool = False  # the team draws in latent space: latent frames follow every step
    reading: PromptReading | None = None  # None when the weights did not record the words they were taught


class StepUpdate(BaseModel):
    """One denoising step finished; its frames follow immediately."""

    type: Literal["step"] = "step"
    job_id: int
    index: int  # 0 .. total_steps - 1
    timestep: float  # model timestep t, counting down towards 0
    sigma: float  # noise level sqrt((1 - ᾱ_t) / ᾱ_t)
    alpha_bar: float  # ᾱ_t, the fraction of picture left in x_t
    elapsed_ms: float  # since the run started
    preview: bool = False  # the sketchbook's cheap preview shows x_t and x̂0; the decoder painted the others


class Timings(BaseModel):
    """Where the time of a run went, in milliseconds."""

    queued_ms: float
    first_step_ms: float
    total_ms: float
    per_step_ms: float


class Done(BaseModel):
    """The run finished; the final frames were sent just before this."""

    type: Literal["done"] = "done"
    job_id: int
    seed: int
    steps: int
    timings: Timings
    gif_url: str
    file_stem: str  # name downloads after it: "dust-to-detail-<the prompt's words>-seed-<seed>"
    drew: str | None = None  # of two or more things the prompt named, the one the picture matches best (CLIP)


class Cancelled(BaseModel):
    """The run stopped early because it was cancelled."""

    type: Literal["cancelled"] = "cancelled"
    job_id: int
    steps_done: int


class Error(BaseModel):
    """Something was wrong; the connection stays open and usable."""

    type: Literal["error"] = "error"
    code: ErrorCode
    message: str
    job_id: int | None = None


class RoomOpened(BaseModel):
    """This connection now teaches a room; the page shows the code large, with a QR code."""

    type: Literal["room"] = "room"
    code: str
    key: str  # send it with `open_room` after a reconnect to keep the same room
    join_url: str  # path a student opens to join, e.g. /?room=K7QX


class Joined(BaseModel):
    """This connection now watches a room's teacher."""

    type: Literal["joined"] = "joined"
    code: str


class Named(BaseModel):
    """The name now shown under this connection's pictures, tidied as it was stored; "" for none."""

    type: Literal["named"] = "named"
    name: str


class Broadcast(BaseModel):
    """The teacher started a run: the messages and frames with this job id are the teacher's, not yours."""

    type: Literal["broadcast"] = "broadcast"
    job_id: int
    code: str
    prompt: str


class Heartbeat(BaseModel):
    """Sent when the server has been quiet for `heartbeat_seconds`, so slow runs don't look dead."""

    type: Literal["heartbeat"] = "heartbeat"


ServerMessage = (
    Hello
    | Accepted
    | Queued
    | Started
    | StepUpdate
    | Done
    | Cancelled
    | Error
    | RoomOpened
    | Joined
    | Named
    | Broadcast
    | Heartbeat
)


class ProtocolError(Exception):
    """A client message the server can't act on; becomes an `error` message, never a closed socket."""

    def __init__(self, code: ErrorCode, message: str) -> None:
        super().__init__(message)
        self.error = Error(code=code, message=message)


def parse_client_message(raw: str | bytes, options: Options) -> ClientCommand:
    """Decode and check one client message, raising ProtocolError with a sentence a student can act on."""
    size = len(raw.encode() if isinstance(raw, str) else raw)
    if size > options.limits.max_message_bytes:
        raise ProtocolError(
            "too_large", f"That message is {size} bytes; the limit is {options.limits.max_message_bytes}."
        )
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: arrays nested thousands deep
        raise ProtocolError("bad_json", "That message isn't valid JSON text.") from None
    if not isinstance(data, dict):
        raise ProtocolError("bad_json", "Each message must be a JSON object with a “type” field.")
    try:
        return _CLIENT_MESSAGE.validate_python(data, context={"options": options})
    except ValidationError as error:
        raise explain(error, tagged=True) from None


def explain(error: ValidationError, tagged: bool = False) -> ProtocolError:
    """Turn pydantic's first complaint into one plain sentence: the one path from a refused request to words, for
    /ws and the lessons alike. `tagged`: the error's place starts with the message's `type`, which is no field."""
    first = error.errors(include_url=False)[0]
    kind, field = first["type"], ".".join(str(part) for part in first["loc"][1 if tagged else 0 :])
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        return ProtocolError(
            "unknown_type", "The message “type” must be one of: generate, cancel, open_room, join_room, set_name."
        )
    if kind == "invalid_field":
        return ProtocolError("invalid_field", first["msg"])
    if kind == "blocked_words":
        return ProtocolError("blocked_words", first["msg"])
    if kind == "missing":
        return ProtocolError("invalid_field", f"The message is missing “{field}”.")
    if kind == "extra_forbidden":
        return ProtocolError("invalid_field", f"The message has a field “{field}” that the server doesn't know.")
    detail = first["msg"].removeprefix("Input ")  # "Input should be a valid integer" → "should be …"
    return ProtocolError("invalid_field", f"The {field} {detail}.")
