"""A pool worker's memory: large freed blocks go back to the system."""

from __future__ import annotations

import subprocess
import sys

import pytest

# Frees one large block first (glibc's dynamic threshold then rises to its size, 16 MiB),
# then 64 blocks of 2 MiB under a small live allocation that keeps the heap from shrinking.
_CHILD = """
import sys
from unspun.batch.engine import give_back_large_blocks
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) // 1024
if sys.argv[1] == "give-back":
    assert give_back_large_blocks()
first = bytearray(16 << 20)
del first
before = rss()
blocks = [bytearray(2 << 20) for _ in range(64)]
for b in blocks:
    b[::4096] = b"x" * len(b[::4096])
pin = bytearray(1024)
del blocks
print(rss() - before)
"""


def _held_after_free(mode: str) -> int:
    out = subprocess.run([sys.executable, "-c", _CHILD, mode], capture_output=True, text=True,
                         check=True, timeout=60)
    return int(out.stdout)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt")
def test_large_freed_blocks_go_back_to_the_system() -> None:
    assert _held_after_free("default") >= 100  # what glibc alone keeps of 128 MiB freed
    assert _held_after_free("give-back") < 16
