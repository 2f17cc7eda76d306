"""Renderers: each turns the model into files (as bytes by path), and none writes to disk itself."""
