"""Processes forked while a build holds the lock die with it and never hold the lock themselves.

A build forks extraction workers and Whoosh's writer processes. Forked children share the lock's
open file, so an flock held by the parent would outlive it in children left running after a
`kill -9`, and every later `index` would be refused. So in each child forked while the lock is
held, the lock's descriptor is pointed at /dev/null (the lock stays the parent's alone), and the
kernel is asked to kill the child when its parent dies (Linux prctl PR_SET_PDEATHSIG).
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from contextlib import contextmanager
from typing import Iterator

PR_SET_PDEATHSIG = 1  # linux/prctl.h

_held: list[int] = []  # descriptors of the locks this process holds
_forking_from: list[int] = [0]  # pid of the process about to fork


def _before_fork() -> None:
    _forking_from[0] = os.getpid()


def _in_child() -> None:
    if not _held:
        return
    devnull = os.open(os.devnull, os.O_RDONLY)
    for descriptor in _held:
        os.dup2(devnull, descriptor)  # the number stays valid, the lock's file is no longer open here
    os.close(devnull)
    _held.clear()
    die_with_parent(_forking_from[0])


def die_with_parent(parent: int) -> None:
    """Asks Linux to SIGKILL this process when its parent dies; exits now if it already has."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


os.register_at_fork(before=_before_fork, after_in_child=_in_child)


@contextmanager
def children_die_with_me(lock_descriptor: int) -> Iterator[None]:
    """While held, children forked by this process drop the lock and die with their parent."""
    _held.append(lock_descriptor)
    try:
        yield
    finally:
        if lock_descriptor in _held:
            _held.remove(lock_descriptor)
