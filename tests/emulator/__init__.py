"""A stateful fake of the Leaseweb Dedicated Servers API v2, for tests.

from tests.emulator import Emulator
with Emulator(servers=20, seed=1, job_seconds=1) as emu:
    ...  # emu.url is http://127.0.0.1:PORT
"""

from .server import DEFAULT_API_KEY, Emulator

__all__ = ['DEFAULT_API_KEY', 'Emulator']
