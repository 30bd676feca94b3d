"""How many helper processes a bulk job may start from where it runs.

Bulk jobs (building the match index, validating a big import) spread over helper processes,
started with "spawn" (the web process and the task consumer may be running threads, which
fork would copy mid-lock). A task-queue worker is itself a daemonic process (Huey's process
workers), and a daemonic process may not have children: there the job runs in-process.
"""
from __future__ import annotations

import multiprocessing


def helper_processes(wanted: int) -> int:
    """`wanted`, or 0 where this process may not start children."""
    if wanted <= 0 or multiprocessing.current_process().daemon:
        return 0
    return wanted
