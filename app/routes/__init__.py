"""One router per file; main.py includes them all."""
