"""Job callbacks: the emulator POSTs a job's callbackUrl once when the job ends (loopback only), and
the admin endpoints that stand for what the platform does on its own (servers delivered and gone,
a sensor out of range, a notification threshold exceeded)."""

import pytest

from tests.emulator.common import iso
from tests.utils.listener import Listener

from .conftest import JOB_SECONDS

BODIES = {
    'install': {'operatingSystemId': 'UBUNTU_22_04_64BIT'},
    'rescueMode': {'rescueImageId': 'GRML'},
    'hardwareScan': {},
    'ipmiReset': {},
}


@pytest.fixture(name='hook')
def fixture_hook():
    listener = Listener(http=True)
    yield listener
    listener.close()


def start(api, server_id, job_type, callback_url):
    reply = api.post(f'/servers/{server_id}/{job_type}', dict(BODIES[job_type], callbackUrl=callback_url))
    assert reply.status == 202, reply
    return reply.json


def marker(api, ids, hook, seen):
    """One more job ends with a callback, after everything before it: its call arrives last, so any
    call sent twice before it would be among the requests received by then (and the calls before it
    are complete in GET /_emulator/callbacks)."""
    job = start(api, ids['order'][2], 'hardwareScan', hook.url + '/marker')
    api.advance(JOB_SECONDS)
    received = hook.wait_for(seen + 1)
    assert received[-1]['path'] == '/marker' and received[-1]['body']['uuid'] == job['uuid'], received
    return received[:-1]


def before_marker(api):
    """The calls GET /_emulator/callbacks lists before the marker's."""
    return [call for call in api.get('/_emulator/callbacks').json if not call['url'].endswith('/marker')]


def test_every_job_type_calls_its_url_once_when_it_finishes(api, ids, hook):
    servers = ids['order'][3:7]
    jobs = {}
    for server_id, job_type in zip(servers, BODIES):
        jobs[job_type] = start(api, server_id, job_type, '%s/leaseweb?server=%s' % (hook.url, server_id))
    api.advance(JOB_SECONDS / 2)
    assert hook.received == []  # running: nothing yet
    api.advance(JOB_SECONDS)
    api.advance(JOB_SECONDS)  # later moves of the clock call nothing again
    received = marker(api, ids, hook, 4)
    assert sorted((r['method'], r['path']) for r in received) == sorted(
        ('POST', '/leaseweb?server=%s' % server_id) for server_id in servers
    )
    for request in received:
        job = request['body']
        assert request['headers']['content-type'] == 'application/json'
        assert job['status'] == 'FINISHED' and job['progress']['percentage'] == 100
        assert job['uuid'] == jobs[job['type']]['uuid']
        assert request['path'] == '/leaseweb?server=%s' % job['serverId']
    listed = before_marker(api)
    assert [(c['status'], c['sent'], c['answer']) for c in listed] == [('FINISHED', True, 204)] * 4


def test_a_failed_canceled_expired_and_retried_job_each_call_once(api, ids, hook):
    failing, canceled, expired = ids['order'][3:6]
    api.next_job(failing, outcome='FAILED')
    api.next_job(canceled, outcome='HANG')
    api.next_job(expired, outcome='HANG')
    failed_job = start(api, failing, 'install', hook.url + '/failed')
    start(api, canceled, 'rescueMode', hook.url + '/canceled')
    start(api, expired, 'ipmiReset', hook.url + '/expired')
    api.advance(JOB_SECONDS)
    assert api.post(f'/servers/{canceled}/cancelActiveJob').status == 200
    assert api.post(f'/servers/{expired}/expireActiveJob').status == 200
    retried = api.post(f'/servers/{failing}/jobs/{failed_job["uuid"]}/retry')
    assert retried.status == 200, retried
    api.advance(JOB_SECONDS * 2)
    received = marker(api, ids, hook, 4)
    assert [(r['path'], r['body']['status']) for r in received] == [
        ('/failed', 'FAILED'),
        ('/canceled', 'CANCELED'),
        ('/expired', 'EXPIRED'),
        ('/failed', 'FINISHED'),
    ]
    assert received[3]['body']['uuid'] == retried.json['uuid']


def test_only_loopback_addresses_are_called_and_a_job_without_url_calls_nothing(api, ids, hook):
    start(api, ids['order'][3], 'hardwareScan', 'https://hooks.example.com/leaseweb')
    reply = api.post(f'/servers/{ids["order"][4]}/hardwareScan', {})
    assert reply.status == 202
    api.advance(JOB_SECONDS)
    assert marker(api, ids, hook, 0) == []
    listed = before_marker(api)
    assert listed[0]['url'] == 'https://hooks.example.com/leaseweb' and listed[0]['sent'] is False
    assert 'loopback' in listed[0]['error']
    assert len(listed) == 1


def test_on_the_real_clock_a_job_calls_when_its_time_has_come_without_a_request(api, ids, hook):
    api.settings(job_seconds=0.2)
    api.clock(mode='real')
    start(api, ids['order'][3], 'hardwareScan', hook.url + '/real')
    received = hook.wait_for(1)
    assert [(r['path'], r['body']['status']) for r in received] == [('/real', 'FINISHED')]


def test_servers_are_delivered_and_gone(api, ids):
    before = [server['id'] for server in api.servers()]
    reply = api.post('/_emulator/servers', {'count': 2})
    assert reply.status == 201
    added = reply.json['servers']
    assert len(added) == 2 and int(added[0]) > int(before[-1]) and int(added[1]) > int(added[0])
    assert [server['id'] for server in api.servers()] == before + added
    assert api.get(f'/servers/{added[1]}').status == 200
    assert api.delete(f'/_emulator/servers/{before[1]}').status == 204
    assert api.get(f'/servers/{before[1]}').status == 404
    assert [server['id'] for server in api.servers()] == [before[0]] + before[2:] + added
    assert api.delete(f'/_emulator/servers/{before[1]}').status == 404
    assert api.post('/_emulator/servers', {'count': 0}).status == 400


def test_a_sensor_reads_what_it_was_set_to(api, ids):
    server_id = ids['managed']
    sensor = {'metric': 'ipmi_fan_speed_state', 'name': 'Fan 2 DutyCycle', 'value': '2'}
    assert api.put(f'/_emulator/servers/{server_id}/sensors', sensor).status == 200
    metrics = api.get(f'/servers/{server_id}/hardwareMonitoring').json['metrics']
    assert {'metric': 'ipmi_fan_speed_state', 'name': 'Fan 2 DutyCycle', 'value': '2'} in metrics
    assert {'metric': 'ipmi_fan_speed_state', 'name': 'Fan 1 DutyCycle', 'value': '0'} in metrics
    unknown = dict(sensor, name='Fan 9 DutyCycle')
    assert api.put(f'/_emulator/servers/{server_id}/sensors', unknown).status == 400
    assert api.put(f'/_emulator/servers/{ids["unmanaged"]}/sensors', sensor).status == 400


def test_a_threshold_exceeded_is_dated_by_the_clock(api, ids):
    server_id = ids['plain']
    created = api.post(
        f'/servers/{server_id}/notificationSettings/bandwidth', {'frequency': 'DAILY', 'threshold': '1', 'unit': 'Gbps'}
    ).json
    assert created['thresholdExceededAt'] is None
    now = api.clock()['now']
    reply = api.post(f'/_emulator/servers/{server_id}/notificationSettings/bandwidth/{created["id"]}/exceeded')
    assert reply.status == 200
    setting = api.get(f'/servers/{server_id}/notificationSettings/bandwidth/{created["id"]}').json
    assert setting['thresholdExceededAt'] == setting['lastCheckedAt'] == setting['actions'][0]['lastTriggeredAt']
    assert setting['thresholdExceededAt'] == iso(now)
    assert api.post(f'/_emulator/servers/{server_id}/notificationSettings/bandwidth/1/exceeded').status == 404
