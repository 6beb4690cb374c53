# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The inventory plugin in this process against an in-process emulator: faults, and where the key goes.

Under faults the plugin builds the complete fleet (the same hosts and variables as without
faults) or fails as a whole with no host added: never a part of the fleet. Each case states which
it is, and the emulator's log shows the faults it injected. Connection options are checked before
any request, and a redirect is not followed.
"""

import pytest
import requests
from ansible.errors import AnsibleError, AnsibleParserError

from ansible_collections.leaseweb.dedicated.plugins.module_utils import _client as api
from tests.emulator import Emulator
from tests.unit.plugins.inventory.test_servers import plugin_with
from tests.unit.plugins.traps import Trap, redirect_to, resolving

KEY = 'inventory-live-key-3c9a'
LIST = '/bareMetals/v2/servers'
NAME = 'api.example.test'


@pytest.fixture(scope='module')
def live():
    emulator = Emulator(servers=40, seed=7, job_seconds=2, api_key=KEY).start()
    yield emulator
    emulator.stop()


@pytest.fixture
def emulator(live, monkeypatch):
    """The emulator reset (no faults, empty log); the backoff between attempts made short."""
    live.reset()
    monkeypatch.setattr(api, 'BACKOFF_BASE_SECONDS', 0.01)
    return live


def faults(emulator, **config):
    status, answer = emulator.admin('PUT', '/_emulator/faults', config)
    assert status == 200, answer


def taken(emulator):
    with emulator.log_lock:
        log, emulator.log = emulator.log, []
    return log


class Built(object):
    """An inventory built by the plugin as ``parse`` does after reading its file: the hosts, or the failure."""

    def __init__(self, url, **options):
        self.plugin = plugin_with(api_url=url, api_key=KEY, **options)
        self.error = None
        settings = self.plugin._settings()
        try:
            records = self.plugin._records('test.leaseweb.yml', settings, cache=False)
        except AnsibleError as e:
            self.error = e
        else:
            self.plugin._populate(records, settings)

    @property
    def hosts(self):
        """{host name: its variables}"""
        inventory = self.plugin.inventory
        return dict((name, dict(host.vars)) for name, host in inventory.hosts.items())


@pytest.fixture
def fleet(emulator):
    """The inventory without faults: what a complete build must equal."""
    built = Built(emulator.url, page_size=10, concurrency=1, details=True)
    assert built.error is None and len(built.hosts) == 40
    taken(emulator)
    return built.hosts


def fault_counts(log):
    counts = {}
    for entry in log:
        if entry['fault']:
            counts[entry['fault']] = counts.get(entry['fault'], 0) + 1
    return counts


# -- under faults: the complete fleet ------------------------------------------------------------

# faults the retries get through: the fleet is complete, and equal to the one read without faults
SURVIVED = [
    ('503 refusals', dict(error_rate=0.4, error_status=503, retry_after=0, seed=1), 'error'),
    ('429 rate limits', dict(rate_limit_rate=0.5, retry_after=0, seed=2), 'rate_limit'),
    ('dropped connections', dict(drop_rate=0.3, seed=3), 'drop'),
    ('answers cut off halfway', dict(truncate_rate=0.3, seed=4), 'truncate'),
    (
        'a mix of them',
        dict(
            rate_limit_rate=0.1,
            error_rate=0.1,
            error_status=503,
            drop_rate=0.1,
            truncate_rate=0.1,
            retry_after=0,
            seed=5,
        ),
        'drop',
    ),
]


@pytest.mark.parametrize('config, fault', [(c, f) for _n, c, f in SURVIVED], ids=[n for n, _c, _f in SURVIVED])
def test_faults_that_retries_get_through_give_the_complete_fleet(emulator, fleet, config, fault):
    faults(emulator, **config)
    built = Built(emulator.url, page_size=10, concurrency=1, details=True, api_retries=10)
    log = taken(emulator)
    assert built.error is None
    assert built.hosts == fleet
    assert fault_counts(log).get(fault, 0) >= 2, fault_counts(log)
    # every page and every record was answered whole once in the end
    answered = [
        entry['path'] + '?' + entry['query'].get('offset', '')
        for entry in log
        if entry['status'] == 200 and entry['fault'] != 'truncate'
    ]
    assert sorted(answered) == sorted(
        ['%s?%d' % (LIST, offset) for offset in range(0, 40, 10)]
        + ['%s/%s?' % (LIST, v['leaseweb_id']) for v in fleet.values()]
    )


def test_concurrent_reads_under_faults_give_the_complete_fleet(emulator, fleet):
    faults(emulator, rate_limit_rate=0.2, drop_rate=0.1, retry_after=0, seed=6)
    built = Built(emulator.url, page_size=5, concurrency=6, details=True, api_retries=20)
    log = taken(emulator)
    assert built.error is None and built.hosts == fleet
    assert fault_counts(log)


# -- under faults: no host at all ---------------------------------------------------------------------

FAILED = [
    # one page refused on every attempt: 1 + api_retries attempts of it, then no host
    (
        'a page refused every time',
        dict(error_rate=1.0, error_status=503, retry_after=0, query={'offset': '20'}),
        dict(api_retries=2),
        'GET /bareMetals/v2/servers: HTTP 503',
        ('GET', LIST, 'error'),
        3,
    ),
    # a server error is not retried
    (
        'a page failing once with 500',
        dict(error_rate=1.0, error_status=500, count=1, query={'offset': '30'}),
        dict(api_retries=5),
        'GET /bareMetals/v2/servers: HTTP 500',
        ('GET', LIST, 'error'),
        1,
    ),
    # a page that never answers: api_timeout per attempt, 1 + api_retries attempts
    (
        'a page that never answers',
        dict(hang_seconds=2, query={'offset': '10'}),
        dict(api_timeout=1, api_retries=1),
        'GET /bareMetals/v2/servers: no answer within 1 seconds [gave up after 2 attempts]',
        ('GET', LIST, 'hang'),
        2,
    ),
    # a full record that never answers
    (
        'a full record that never answers',
        dict(hang_seconds=2, path='/servers/12345'),
        dict(api_timeout=1, api_retries=0, details=True),
        'GET /bareMetals/v2/servers/12345: no answer within 1 seconds',
        ('GET', LIST + '/12345', 'hang'),
        1,
    ),
    # a full record dropped on every attempt
    (
        'a full record dropped every time',
        dict(drop_rate=1.0, path='/servers/12345'),
        dict(api_retries=3, details=True),
        'GET /bareMetals/v2/servers/12345: the connection failed before an answer came',
        ('GET', LIST + '/12345', 'drop'),
        4,
    ),
]


@pytest.mark.parametrize(
    'config, options, message, faulted, attempts', [case[1:] for case in FAILED], ids=[case[0] for case in FAILED]
)
def test_faults_that_last_fail_the_whole_inventory(emulator, config, options, message, faulted, attempts):
    faults(emulator, **config)
    built = Built(emulator.url, page_size=10, concurrency=1, **options)
    log = taken(emulator)
    assert built.hosts == {}
    assert built.plugin.inventory.groups.keys() == {'all', 'ungrouped'}
    text = '%s' % built.error
    assert text.startswith('leaseweb.dedicated.servers: reading the servers failed, no host was added: ' + message)
    assert KEY not in text
    assert [(e['method'], e['path'], e['fault']) for e in log if e['fault']] == [faulted] * attempts


def test_a_page_that_never_answers_fails_the_concurrent_read_as_a_whole(emulator):
    faults(emulator, hang_seconds=2, query={'offset': '15'})
    built = Built(emulator.url, page_size=5, concurrency=4, api_timeout=1, api_retries=1)
    log = taken(emulator)
    assert built.hosts == {}
    assert 'GET /bareMetals/v2/servers: no answer within 1 seconds' in '%s' % built.error
    # the page was tried twice (1 + api_retries), while the other pages were read
    hung = [e for e in log if e['fault'] == 'hang']
    assert [e['query']['offset'] for e in hung] == ['15', '15']


# -- where the key goes ------------------------------------------------------------------------


def test_plain_http_to_another_host_fails_before_any_request(emulator):
    url = 'http://%s:%s' % (NAME, emulator.url.rsplit(':', 1)[1])
    with resolving(NAME):
        # the name leads to the emulator
        assert requests.get(url + LIST, headers={'X-LSW-Auth': KEY}, timeout=10).status_code == 200
        assert len(taken(emulator)) == 1
        with pytest.raises(AnsibleParserError) as info:
            Built(url)
    assert ('%s' % info.value).startswith(
        "leaseweb.dedicated.servers: api_url: '%s' is plain http, so the API key would cross the network to %s in "
        'clear text: use https://.' % (url, NAME)
    )
    assert taken(emulator) == []


def test_a_loopback_address_over_http_is_accepted(emulator):
    built = Built(emulator.url.replace('127.0.0.1', 'localhost'), page_size=50)
    assert built.error is None and len(built.hosts) == 40
    assert not any('validate_certs' in warning for warning in built.plugin.display.warning)


def test_validate_certs_false_warns(emulator):
    url = 'https://%s:%s' % (NAME, emulator.url.rsplit(':', 1)[1])
    with resolving(NAME):
        built = Built(url, validate_certs=False, api_retries=0)
    # the emulator speaks plain HTTP: TLS fails, after the warning
    assert 'TLS failed' in '%s' % built.error and built.hosts == {}
    assert built.plugin.display.warning[0] == (
        'leaseweb.dedicated.servers: validate_certs is false: the TLS certificate of %s is not verified, so whoever can '
        'intercept the connection can read the API key. Set it to false only for a test endpoint you control.' % url
    )


def test_a_redirect_is_not_followed(emulator):
    with Trap(redirect_to(emulator.url, 307)) as redirector:
        # followed, the redirect would bring the key to the emulator
        assert requests.get(redirector.url + LIST, headers={'X-LSW-Auth': KEY}, timeout=10).status_code == 200
        assert len(taken(emulator)) == 1
        built = Built(redirector.url, page_size=10)
        assert len(redirector.requests) == 2  # the one above, and the plugin's first page
    assert built.hosts == {}
    assert ('%s' % built.error).startswith(
        'leaseweb.dedicated.servers: reading the servers failed, no host was added: GET /bareMetals/v2/servers: HTTP 307 '
        'to %s/bareMetals/v2/servers?limit=10&offset=0: the answer is a redirect, which is not followed' % emulator.url
    )
    assert taken(emulator) == []
