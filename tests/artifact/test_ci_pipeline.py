# -*- coding: utf-8 -*-
# Copyright (c) leaseweb.dedicated contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The CI pipelines of the CI guide (docs/docsite/rst/guide_ci.rst, examples/ci/), run as a CI runs them.

A user's machine or CI runner is played by an empty HOME and a copy of examples/ci as the
checked-out repository. Each job's steps (GitHub Actions) or script lines (GitLab CI) run in bash
with the workflow's, the job's and the step's environment, exactly as written, except:

- the steps that set up the runner (``uses:``) are not run, nor the ``pip install`` of ansible-core
  and requests that the install step starts with: this virtualenv stands in (its text is checked);
  its ``ansible-galaxy collection install -r requirements.yml`` runs, with the release URL of
  requirements.yml pointing at a local server that serves the tarball built from this tree;
- port 8080 is replaced by a free port, so that tests can run side by side;
- in the provision jobs, the secret is the test emulator's key and LEASEWEB_API_URL points at
  that emulator: the real API's place.

The ``test`` jobs start the emulator from the installed collection with the command the guide
documents; the test ends every process a step left running (each step is a process group).
"""

import glob
import os
import re
import shutil
import signal
import socket
import subprocess
from xml.etree import ElementTree

import pytest
import requests
import yaml

from tests.artifact.conftest import build, clean_env
from tests.conftest import REPO_ROOT
from tests.utils.releases import RELEASES, Releases

EXAMPLES = os.path.join(REPO_ROOT, 'examples', 'ci')
GUIDE = os.path.join(REPO_ROOT, 'docs', 'docsite', 'rst', 'guide_ci.rst')
INSTALL_STEP = 'Install Ansible and the collection'
PIP_INSTALL = 'pip install "ansible-core>=2.17" requests'
INSTALL_COMMANDS = [PIP_INSTALL, 'ansible-galaxy collection install -r requirements.yml']
RERUN_STEP = 'Provision it again, which must change nothing'

EMULATOR_COMMAND = (
    'python3 ~/.ansible/collections/ansible_collections/leaseweb/dedicated/emulator.py --port 8080 --job-seconds 1'
)


def free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


@pytest.fixture(scope='module')
def releases(tmp_path_factory):
    """The releases page of the repository, played by a local server: the tarball built from this tree."""
    served = Releases(build(REPO_ROOT, tmp_path_factory.mktemp('dist')), tmp_path_factory.mktemp('releases'))
    yield served.url
    served.close()


@pytest.fixture(scope='module')
def home(tmp_path_factory):
    """The HOME of a CI runner: empty; the install step puts the collection in its default place."""
    return tmp_path_factory.mktemp('home')


class Runner:
    """A CI runner: a workspace (the repository checked out), the user's HOME, and the processes its steps left."""

    def __init__(self, home, workspace, port, releases, real_api=None):
        self.home = str(home)
        self.workspace = str(workspace)
        self.port = str(port)
        self.real_api = real_api
        self.groups = []
        shutil.copytree(EXAMPLES, self.workspace)
        requirements = os.path.join(self.workspace, 'requirements.yml')
        text = open(requirements).read()
        assert RELEASES in text
        with open(requirements, 'w') as handle:
            handle.write(text.replace(RELEASES, releases))

    def install(self, step_text, env):
        """The install step: its pip line checked (this virtualenv stands in), the rest run."""
        lines = step_text.rstrip('\n').split('\n')
        assert lines == INSTALL_COMMANDS, lines
        result = self.shell(['bash', '-e', '-c', '\n'.join(lines[1:])], env)
        assert result.returncode == 0, result.stdout
        root = os.path.join(self.home, '.ansible', 'collections', 'ansible_collections', 'leaseweb', 'dedicated')
        assert os.path.isfile(os.path.join(root, 'MANIFEST.json')) and os.path.isfile(
            os.path.join(root, 'tests', 'emulator', '__main__.py')
        )
        return result

    def local(self, text):
        return text.replace('8080', self.port)

    def shell(self, command, env):
        """``command`` in bash, in the workspace, in a process group of its own (a CompletedProcess)."""
        environment = clean_env(HOME=self.home)
        environment.update((name, self.local('%s' % value)) for name, value in env.items())
        if self.real_api is not None:
            environment['LEASEWEB_API_URL'] = self.real_api
        process = subprocess.Popen(
            command,
            cwd=self.workspace,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        self.groups.append(process.pid)
        try:
            stdout = process.communicate(timeout=180)[0]
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            raise
        return subprocess.CompletedProcess(command, process.returncode, stdout)

    def stop(self):
        for group in self.groups:
            try:
                os.killpg(group, signal.SIGTERM)
            except ProcessLookupError:
                pass

    def emulator(self, path):
        response = requests.get('http://127.0.0.1:%s/_emulator/%s' % (self.port, path), timeout=10)
        response.raise_for_status()
        return response.json()

    def results(self):
        """Every file the job left under results/, by path relative to the workspace."""
        found = {}
        for path in glob.glob(os.path.join(self.workspace, 'results', '**', '*'), recursive=True):
            if os.path.isfile(path):
                with open(path) as handle:
                    found[os.path.relpath(path, self.workspace)] = handle.read()
        return found


@pytest.fixture
def runner(home, releases, tmp_path):
    made = []

    def make(real_api=None):
        made.append(Runner(home, tmp_path / 'workspace', free_port(), releases, real_api))
        return made[-1]

    yield make
    for one in made:
        one.stop()


# -- GitHub Actions ----------------------------------------------------------------------------------

GITHUB_EXPRESSION = re.compile(r'\$\{\{\s*(.*?)\s*\}\}')


def shell_commands(text):
    """The commands of a shell script, a line each, a line within single quotes joined to its command."""
    commands = []
    for line in text.splitlines():
        if commands and commands[-1].count("'") % 2:
            commands[-1] += '\n' + line
        else:
            commands.append(line)
    return commands


def github_job(name):
    workflow = yaml.safe_load(open(os.path.join(EXAMPLES, 'github-workflow.yml')))
    return workflow, workflow['jobs'][name]


def run_github_job(runner, name, secrets=None, inputs=None):
    """The job's steps as the runner runs them; [(step name, CompletedProcess or None when skipped)]."""
    workflow, job = github_job(name)
    values = dict(('secrets.%s' % k, v) for k, v in (secrets or {}).items())
    values.update(('inputs.%s' % k, v) for k, v in (inputs or {}).items())

    def expand(text):
        def one(match):
            assert match.group(1) in values, 'an expression the test does not know: %s' % match.group(0)
            return values[match.group(1)]

        return GITHUB_EXPRESSION.sub(one, '%s' % text)

    base = dict(workflow.get('env') or {})
    base.update(job.get('env') or {})
    base.update(GITHUB_WORKSPACE=runner.workspace, RUNNER_TEMP=runner.workspace, CI='true', GITHUB_ACTIONS='true')
    done = []
    failed = False
    for step in job['steps']:
        condition = step.get('if')
        assert condition in (None, '${{ !cancelled() }}'), condition
        if 'uses' in step:
            done.append((step.get('name') or step['uses'], None))
            continue
        if failed and condition is None:
            done.append((step['name'], None))
            continue
        env = dict(base)
        env.update(step.get('env') or {})
        env = dict((k, expand(v)) for k, v in env.items())
        if step['name'] == INSTALL_STEP:
            done.append((step['name'], runner.install(step['run'], env)))
            continue
        # GitHub runs a `run` step with `bash -e {0}`
        result = runner.shell(['bash', '-e', '-c', runner.local(step['run'])], env)
        failed = failed or result.returncode != 0
        done.append((step['name'], result))
    return done


def junit_cases(files):
    """(test case name, failed) of every JUnit file among the results."""
    cases = []
    for path, text in sorted(files.items()):
        if path.startswith('results/junit/') and path.endswith('.xml'):
            for case in ElementTree.fromstring(text).iter('testcase'):
                cases.append((case.get('name'), case.find('failure') is not None or case.find('error') is not None))
    return cases


def assert_emulator_test_job(runner, results):
    """What the test job of either CI did: the emulator from the installed copy, the inventory, the playbook, its rerun."""
    for result in results:
        assert result.returncode == 0, result.stdout[-5000:]
    output = ''.join(result.stdout for result in results)
    assert runner.emulator('health')['firstServerId'] == '12345'
    # ansible-inventory --graph: the hosts of the emulated fleet, in the group of every server and per site
    assert '@leaseweb:' in output and '@leaseweb_' in output
    server = requests.get(
        'http://127.0.0.1:%s/bareMetals/v2/servers/12345' % runner.port,
        headers={'X-LSW-Auth': 'emulator-api-key'},
        timeout=10,
    ).json()
    assert server['contract']['reference'] == 'ci-test'
    # the rerun sent no write, and said so; a green run prints no curl error while the emulator starts
    assert 'writes of the second run: none' in output
    assert 'curl:' not in output
    assert output.count('failed=0') == 2
    files = runner.results()
    cases = junit_cases(files)
    assert any('Set the reference' in name for name, _failed in cases)
    assert [name for name, failed in cases if failed] == []
    assert 'listening on http://127.0.0.1:%s' % runner.port in files['results/emulator.log']


def test_the_github_test_job_installs_runs_the_playbook_twice_and_the_inventory_against_the_installed_emulator(runner):
    workflow, job = github_job('test')
    assert job['if'] == "github.event_name == 'pull_request'" and 'pull_request' in workflow['on']
    assert workflow['env']['ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED'] == 'true'
    ci = runner()
    steps = run_github_job(ci, 'test')
    assert [name for name, result in steps if result is not None] == [
        INSTALL_STEP,
        'Start the API emulator of the installed collection',
        'Read the inventory',
        'Provision an emulated server',
        RERUN_STEP,
    ]
    assert_emulator_test_job(ci, [result for _name, result in steps if result is not None])


def test_the_test_job_fails_on_a_failed_inventory_and_on_a_rerun_that_writes(runner, emulator):
    """Finding 3: the inventory step passed with a wrong key or the emulator down; nothing checked the rerun."""
    workflow, job = github_job('test')
    steps = dict((step.get('name'), step) for step in job['steps'])
    env = dict(workflow['env'], **job['env'])
    ci = runner()
    ci.install(steps[INSTALL_STEP]['run'], env)
    # the inventory step, against an API that refuses the key (the API down fails the same way, after the retries)
    wrong_key = ci.shell(
        ['bash', '-e', '-c', steps['Read the inventory']['run']],
        dict(env, LEASEWEB_API_URL=emulator.url, LEASEWEB_API_KEY='not-the-key'),
    )
    assert wrong_key.returncode != 0 and 'HTTP 401' in wrong_key.stdout, wrong_key.stdout[-3000:]
    # the rerun step, with a playbook that writes on every run (a power cycle) in place of provision.yml
    with open(os.path.join(ci.workspace, 'provision.yml'), 'w') as handle:
        handle.write(
            yaml.safe_dump(
                [
                    {
                        'name': 'Not idempotent',
                        'hosts': 'localhost',
                        'gather_facts': False,
                        'tasks': [
                            {
                                'name': 'Cycle the power',
                                'leaseweb.dedicated.power': {'server_id': '12345', 'state': 'restarted'},
                            }
                        ],
                    }
                ]
            )
        )
    rerun = ci.shell(
        ['bash', '-e', '-c', steps[RERUN_STEP]['run'].replace('http://127.0.0.1:8080', emulator.url)],
        dict(env, LEASEWEB_API_URL=emulator.url, LEASEWEB_API_KEY=emulator.api_key),
    )
    assert rerun.returncode == 1, rerun.stdout[-3000:]
    assert "writes of the second run: ['POST /bareMetals/v2/servers/12345/powerCycle']" in rerun.stdout


def test_the_github_provision_job_provisions_reports_and_keeps_junit_results(runner, emulator):
    workflow, job = github_job('provision')
    assert job['if'] == "github.event_name == 'workflow_dispatch'"
    assert job['env']['LEASEWEB_API_KEY'] == '${{ secrets.LEASEWEB_API_KEY }}'
    assert sorted(workflow['on']['workflow_dispatch']['inputs']) == ['operating_system_id', 'reference', 'server_id']
    emulator.settings(job_seconds=0.5)
    ci = runner(real_api=emulator.url)
    steps = run_github_job(
        ci,
        'provision',
        secrets={'LEASEWEB_API_KEY': emulator.api_key},
        inputs={'server_id': '12345', 'operating_system_id': 'DEBIAN_12_64BIT', 'reference': 'web-ci'},
    )
    outputs = dict((name, result) for name, result in steps if result is not None)
    assert sorted(outputs) == [INSTALL_STEP, 'Provision the server', 'Report on the server']
    for name, result in outputs.items():
        assert result.returncode == 0, (name, result.stdout[-5000:])
    assert [(r['method'], r['path']) for r in emulator.writes()] == [
        ('PUT', '/bareMetals/v2/servers/12345'),
        ('POST', '/bareMetals/v2/servers/12345/install'),
    ]
    files = ci.results()
    assert sorted(name for name in files if not name.startswith('results/junit/')) == [
        'results/report.csv',
        'results/report.json',
    ]
    row = files['results/report.csv'].splitlines()[1].split(',')
    assert row[:2] == ['12345', 'web-ci'] and row[-2:] == ['DEBIAN_12_64BIT', 'FINISHED']
    # a JUnit file per ansible-playbook run, every task passed, no secret in any file
    assert len([name for name in files if name.startswith('results/junit/')]) == 2
    cases = junit_cases(files)
    assert cases and [name for name, failed in cases if failed] == []
    assert not [name for name, text in files.items() if emulator.api_key in text]


# -- GitLab CI ---------------------------------------------------------------------------------------


def gitlab_job(name):
    pipeline = yaml.safe_load(open(os.path.join(EXAMPLES, 'gitlab-ci.yml')))
    return pipeline, pipeline[name]


def run_gitlab_job(runner, name, variables=None):
    """The job's script, then its after_script, as GitLab's shell runs them: {part: CompletedProcess}."""
    pipeline, job = gitlab_job(name)
    env = {}
    for scope in (pipeline.get('variables') or {}, job.get('variables') or {}, variables or {}):
        env.update((k, v['value'] if isinstance(v, dict) else v) for k, v in scope.items())
    env.update(CI_PROJECT_DIR=runner.workspace, CI='true', GITLAB_CI='true')
    done = {'before_script': runner.install('\n'.join(pipeline['default']['before_script']), env)}
    for part in ('script', 'after_script'):
        if part in job:
            # GitLab's bash runs the lines as one script that stops at the first failure
            done[part] = runner.shell(['bash', '-eo', 'pipefail', '-c', runner.local('\n'.join(job[part]))], env)
    return done


def test_the_gitlab_test_job_runs_what_the_github_test_job_runs():
    """The test job of GitLab runs the commands of GitHub's, line for line (that one runs above)."""
    _pipeline, job = gitlab_job('test')
    assert job['rules'] == [{'if': '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert job['artifacts']['reports']['junit'] == 'results/junit/*.xml' and job['artifacts']['when'] == 'always'
    workflow, github = github_job('test')
    commands = [
        line
        for step in github['steps']
        if 'run' in step and step['name'] != INSTALL_STEP
        for line in shell_commands(step['run'].replace('&&\n', '&& '))
    ]
    assert [' '.join(line.split()) for line in job['script']] == [' '.join(line.split()) for line in commands]
    variables = dict((k, v['value'] if isinstance(v, dict) else v) for k, v in _pipeline['variables'].items())
    variables.update(job['variables'])
    environment = dict(workflow['env'])
    environment.update(github['env'])
    assert dict((k, v) for k, v in variables.items() if k in environment) == environment


def test_the_gitlab_provision_job_fails_on_a_failed_install_and_still_reports_it(runner, emulator):
    _pipeline, job = gitlab_job('provision')
    assert job['rules'] == [{'if': '$CI_PIPELINE_SOURCE == "web"'}]
    assert 'LEASEWEB_API_KEY' not in (job.get('variables') or {})
    emulator.settings(job_seconds=0.5)
    emulator.admin('PUT', 'servers/12345/next_job', json={'outcome': 'FAILED'})
    ci = runner(real_api=emulator.url)
    done = run_gitlab_job(
        ci,
        'provision',
        dict(
            LEASEWEB_API_KEY=emulator.api_key,
            SERVER_ID='12345',
            OPERATING_SYSTEM_ID='DEBIAN_12_64BIT',
            REFERENCE='web-ci',
        ),
    )
    # the failed task fails the job; the report still runs and shows the failed installation
    assert done['script'].returncode == 2, done['script'].stdout[-5000:]
    assert 'FAILED' in done['script'].stdout
    assert done['after_script'].returncode == 0, done['after_script'].stdout[-5000:]
    files = ci.results()
    row = files['results/report.csv'].splitlines()[1].split(',')
    assert row[:2] == ['12345', 'web-ci'] and row[-2:] == ['DEBIAN_12_64BIT', 'FAILED']
    cases = junit_cases(files)
    failed = [name for name, failed in cases if failed]
    # the install job failed while the role followed it
    assert len(failed) == 1 and 'Wait for the install job' in failed[0]
    assert not [name for name, text in files.items() if emulator.api_key in text]
    assert job['artifacts']['when'] == 'always' and job['artifacts']['paths'] == ['results/']


# -- the guide ---------------------------------------------------------------------------------------


def code_blocks(text):
    """The code blocks of an rst text, their indentation removed."""
    blocks = []
    for match in re.finditer(r'^\.\. code-block:: \w+\n\n((?:  .*\n|\n)+)', text, re.M):
        blocks.append('\n'.join(line[2:] for line in match.group(1).rstrip('\n').split('\n')) + '\n')
    return blocks


def test_the_guide_shows_the_example_files_as_they_are():
    blocks = code_blocks(open(GUIDE).read())
    for name in ('requirements.yml', 'fleet.leaseweb.yml', 'provision.yml', 'github-workflow.yml', 'gitlab-ci.yml'):
        assert open(os.path.join(EXAMPLES, name)).read() in blocks, name


def test_the_documented_command_starts_the_emulator_from_the_installed_collection(runner):
    """The one command of the guide, run as it is written (in a user's shell, from any directory)."""
    commands = [block for block in code_blocks(open(GUIDE).read()) if block.startswith('$ ') and 'emulator.py' in block]
    assert commands == ['$ %s\n' % EMULATOR_COMMAND]
    # and the test jobs of both CIs start it the same way
    for name in ('github-workflow.yml', 'gitlab-ci.yml'):
        text = ' '.join(open(os.path.join(EXAMPLES, name)).read().split())
        assert '%s > results/emulator.log 2>&1 &' % EMULATOR_COMMAND in text, name
    ci = runner()
    os.makedirs(os.path.join(ci.workspace, 'sub'))
    process = subprocess.Popen(
        ['bash', '-c', ci.local(commands[0][2:])],
        cwd=os.path.join(ci.workspace, 'sub'),
        env=clean_env(HOME=ci.home),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    ci.groups.append(process.pid)
    assert process.stdout.readline().strip() == 'listening on http://127.0.0.1:%s' % ci.port
    assert ci.emulator('health')['firstServerId'] == '12345'
    answer = requests.get(
        'http://127.0.0.1:%s/bareMetals/v2/servers/12345' % ci.port,
        headers={'X-LSW-Auth': 'emulator-api-key'},
        timeout=10,
    )
    assert answer.status_code == 200 and answer.json()['id'] == '12345'
    os.killpg(process.pid, signal.SIGTERM)
    assert process.wait(10) == 0
