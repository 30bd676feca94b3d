"""Benchmarks (`make bench`): speed, memory and quality figures, each against a naive baseline."""
