"""Dust to Detail's diffusion library: schedules, forward process, samplers, backbones, text encoder."""
