"""Pure scoring library: plain records in, calibrated scores and explanations out.

No Flask, no database. Each comparison lives in its own module and returns an
ordered level; the model turns levels into log-likelihood weights estimated
from data, adds them and calibrates the sum into a probability.
"""
