"""python3 emulator.py --port PORT [--servers N] [--seed S] [--latency-ms MS]
[--job-seconds J] [--api-key KEY] [--clock real|manual|step] [--clock-step S]

emulator.py, at the collection's root, runs this; ``python3 -m tests.emulator`` from the root does too."""

import argparse
import signal
import sys
import threading

from .server import DEFAULT_API_KEY, Emulator


def parse_args(argv=None, prog='python3 -m tests.emulator'):
    """Command line options."""
    parser = argparse.ArgumentParser(prog=prog, description='Leaseweb Dedicated Servers API v2 emulator')
    parser.add_argument('--port', type=int, default=0, help='port on 127.0.0.1 (0: any free)')
    parser.add_argument('--servers', type=int, default=20, help='size of the seeded fleet')
    parser.add_argument('--seed', type=int, default=1, help='seed of the fleet')
    parser.add_argument('--latency-ms', type=float, default=0.0, help='latency added to every API request')
    parser.add_argument('--job-seconds', type=float, default=5.0, help='how long a job takes to run through its tasks')
    parser.add_argument('--api-key', default=DEFAULT_API_KEY, help='the accepted X-LSW-Auth key')
    parser.add_argument(
        '--clock',
        choices=('real', 'manual', 'step'),
        default='real',
        help='real: the wall clock; manual: still until PUT /_emulator/clock '
        'advances it; step: manual, and each API request moves it --clock-step seconds',
    )
    parser.add_argument(
        '--clock-step', type=float, default=1.0, help='seconds an API request moves the clock in --clock step mode'
    )
    args = parser.parse_args(argv)
    if args.clock_step < 0:
        parser.error('--clock-step must not be negative')
    if args.servers < 1:
        parser.error('--servers must be at least 1')
    return args


def main(argv=None, prog='python3 -m tests.emulator'):
    """Run until SIGTERM or SIGINT."""
    args = parse_args(argv, prog)
    emulator = Emulator(
        servers=args.servers,
        seed=args.seed,
        latency_ms=args.latency_ms,
        job_seconds=args.job_seconds,
        api_key=args.api_key,
        port=args.port,
        clock=args.clock,
        clock_step=args.clock_step,
    )
    stop = threading.Event()

    def on_signal(_signum, _frame):
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    emulator.start()
    print(f'listening on {emulator.url}', flush=True)
    while not stop.wait(0.5):
        pass
    emulator.stop()
    return 0


if __name__ == '__main__':
    sys.exit(main())
