"""Benchmarks and fuzzers that print figures and assert nothing: run each as `python -m app.bench.<name>`."""
