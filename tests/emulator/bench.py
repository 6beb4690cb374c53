"""Benchmark: build a big fleet and list it in pages, as an inventory would.

    python -m tests.emulator.bench [--servers 10000] [--page 50]

Prints the time to build the fleet, the emulator's own processing time for listing every
page (measured inside the server, first pass and a second, cached pass) and the wall-clock
time seen by one keep-alive client.
"""

import argparse
import http.client
import json
import time

from .server import DEFAULT_API_KEY, Emulator


def list_all(emulator, page):
    """List every server in pages; return (requests, servers seen, wall seconds)."""
    conn = http.client.HTTPConnection(emulator.host, emulator.port, timeout=30)
    headers = {'X-LSW-Auth': DEFAULT_API_KEY}
    offset = seen = requests = 0
    started = time.perf_counter()
    while True:
        conn.request('GET', f'/bareMetals/v2/servers?limit={page}&offset={offset}', headers=headers)
        body = json.loads(conn.getresponse().read())
        requests += 1
        seen += len(body['servers'])
        offset += page
        if offset >= body['_metadata']['totalCount']:
            break
    wall = time.perf_counter() - started
    conn.close()
    return requests, seen, wall


def main(argv=None):
    """Run the benchmark and print the numbers."""
    parser = argparse.ArgumentParser(prog='python -m tests.emulator.bench')
    parser.add_argument('--servers', type=int, default=10000)
    parser.add_argument('--page', type=int, default=50)
    args = parser.parse_args(argv)

    started = time.perf_counter()
    emulator = Emulator(servers=args.servers, seed=1)
    build = time.perf_counter() - started
    print(f'fleet of {args.servers} servers built in {build:.3f} s')
    with emulator:
        for label in ('first pass (JSON built and cached)', 'second pass (cached JSON)'):
            emulator.processing = 0.0
            requests, seen, wall = list_all(emulator, args.page)
            print(
                f'{label}: {requests} requests, {seen} servers, emulator processing '
                f'{emulator.processing:.3f} s, client wall clock {wall:.3f} s'
            )
        emulator.processing = 0.0
        conn = http.client.HTTPConnection(emulator.host, emulator.port, timeout=30)
        for _dummy in range(20):
            conn.request(
                'GET', f'/bareMetals/v2/servers?limit={args.page}&site=AMS-01', headers={'X-LSW-Auth': DEFAULT_API_KEY}
            )
            conn.getresponse().read()
        conn.close()
        print(f'20 filtered requests (site=AMS-01): emulator processing {emulator.processing:.3f} s')


if __name__ == '__main__':
    main()
