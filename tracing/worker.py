"""Huey consumer entry point (`python -m tracing.worker`): processes, so CPU-bound work uses both cores."""
from __future__ import annotations

import argparse
import logging


def run_consumer(workers: int = 2) -> None:
    from huey.consumer import Consumer

    from .tasks import huey

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s worker: %(message)s")
    consumer = Consumer(huey, workers=workers, worker_type="process", periodic=True, check_worker_health=True)
    consumer.run()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    run_consumer(parser.parse_args().workers)
