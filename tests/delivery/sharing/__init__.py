"""Tests of the sharing app."""
