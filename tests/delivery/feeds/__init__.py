"""Tests of the feeds app."""
