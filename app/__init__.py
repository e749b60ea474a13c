"""Dust to Detail's web server: a page, a small JSON API and a WebSocket that streams every denoising step."""
