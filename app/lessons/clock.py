"""The dusty clock: its page compares schedules with the dust lesson's sheets and /api/schedule."""

from app.lessons.kit.lesson import Lesson

LESSON = Lesson("clock", "The dusty clock", "Clock", "Different clocks decide how fast the dust piles up.")
