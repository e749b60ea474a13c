"""The noise schedule as numbers, for the page's "how much dust is left" plot."""

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel

from app.deps import OptionsDep
from model.samplers import inference_timesteps
from model.schedules import SCHEDULES, make_schedule

router = APIRouter()


class SchedulePoint(BaseModel):
    """One sampling step's position on the schedule."""

    index: int
    timestep: int
    alpha_bar: float  # ᾱ_t, the fraction of picture left
    sigma: float  # noise level sqrt((1 - ᾱ_t) / ᾱ_t)
    snr: float  # signal-to-noise ratio ᾱ_t / (1 - ᾱ_t)


class ScheduleCurve(BaseModel):
    name: str
    num_train_timesteps: int
    points: list[SchedulePoint]


@router.get("/api/schedule")
def schedule(options: OptionsDep, name: str | None = None, steps: int = 50) -> ScheduleCurve:
    """ᾱ, σ and SNR at the timesteps a run of `steps` steps visits (default: the model's own schedule)."""
    name = name or options.training_schedule
    if name not in SCHEDULES:
        raise HTTPException(404, f"There is no noise schedule called “{name}”; choose one of: {', '.join(SCHEDULES)}.")
    total = options.num_train_timesteps
    try:
        timesteps = inference_timesteps(total, steps)
    except ValueError:
        raise HTTPException(422, f"Choose between 1 and {total} steps (you asked for {steps}).") from None
    noise_schedule = make_schedule(name, total)
    alpha_bars, sigmas, snrs = noise_schedule.alphas_cumprod, noise_schedule.sigmas(), noise_schedule.snr()
    points = [
        SchedulePoint(index=i, timestep=t, alpha_bar=float(alpha_bars[t]), sigma=float(sigmas[t]), snr=float(snrs[t]))
        for i, t in enumerate(timesteps)
    ]
    return ScheduleCurve(name=name, num_train_timesteps=total, points=points)
