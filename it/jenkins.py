"""A small Jenkins HTTP client for the real-Jenkins suite: basic auth, crumbs, jobs, builds, input prompts.

Standard library only, so that the suite runs wherever Python 3.9+ does. Every wait is bounded in time.
"""
import base64
import http.cookiejar
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from html import escape


class JenkinsError(RuntimeError):
    pass


class Client:
    """One signed-in user (or anonymous, when user is None) talking to one Jenkins."""

    def __init__(self, base, user=None, secret=None):
        self.base = base.rstrip('/')
        self.user = user
        self.secret = secret
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.crumb = None
        self.last_headers = {}

    def call(self, method, path, data=None, content_type=None, timeout=120):
        headers = {}
        if self.user:
            token = base64.b64encode(f'{self.user}:{self.secret}'.encode()).decode()
            headers['Authorization'] = 'Basic ' + token
        if method == 'POST':
            if self.crumb is None:
                status, body = self.call('GET', '/crumbIssuer/api/json')
                # No crumb issuer (CSRF protection off) is possible on a test controller.
                self.crumb = tuple(json.loads(body)[k] for k in ('crumbRequestField', 'crumb')) if status == 200 else ()
            if self.crumb:
                headers[self.crumb[0]] = self.crumb[1]
        if isinstance(data, dict):
            data = urllib.parse.urlencode(data).encode()
            content_type = content_type or 'application/x-www-form-urlencoded'
        elif isinstance(data, str):
            data = data.encode()
        if content_type:
            headers['Content-Type'] = content_type
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)
        try:
            with self.opener.open(request, timeout=timeout) as response:
                self.last_headers = dict(response.headers)
                return response.status, response.read().decode('utf-8', 'replace')
        except urllib.error.HTTPError as e:
            self.last_headers = dict(e.headers)
            return e.code, e.read().decode('utf-8', 'replace')

    def get(self, path):
        return self.call('GET', path)

    def post(self, path, data=b'', content_type=None):
        return self.call('POST', path, data, content_type)

    def json(self, path):
        status, body = self.get(path)
        if status != 200:
            raise JenkinsError(f'GET {path}: HTTP {status}')
        return json.loads(body)

    def script(self, groovy):
        """Runs Groovy in the script console (administrators only) and returns what it printed."""
        status, body = self.post('/scriptText', {'script': groovy})
        if status != 200:
            raise JenkinsError(f'script console: HTTP {status}: {body[:300]}')
        return body

    # --- jobs and builds -------------------------------------------------------------------------------------
    def put_pipeline(self, name, script, sandbox=True):
        xml = ("<?xml version='1.1' encoding='UTF-8'?><flow-definition plugin='workflow-job'><properties/>"
               "<definition class='org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition' plugin='workflow-cps'>"
               f"<script>{escape(script)}</script><sandbox>{'true' if sandbox else 'false'}</sandbox>"
               "</definition></flow-definition>")
        status, _ = self.get(f'/job/{name}/api/json')
        path = f'/job/{name}/config.xml' if status == 200 else f'/createItem?name={urllib.parse.quote(name)}'
        status, body = self.post(path, xml, 'application/xml')
        if status != 200:
            raise JenkinsError(f'cannot save job {name}: HTTP {status} {body[:300]}')

    def start(self, name):
        number = self.json(f'/job/{name}/api/json?tree=nextBuildNumber')['nextBuildNumber']
        status, _ = self.post(f'/job/{name}/build?delay=0sec')
        if status not in (200, 201):
            raise JenkinsError(f'cannot build {name}: HTTP {status}')
        return number

    def wait_started(self, name, number, timeout=120):
        deadline = time.time() + timeout
        while time.time() < deadline:
            status, _ = self.get(f'/job/{name}/{number}/api/json?tree=number')
            if status == 200:
                return
            time.sleep(0.5)
        raise JenkinsError(f'{name} #{number} did not start within {timeout} s')

    def wait_finished(self, name, number, timeout=300):
        """The build's result and console log, once it has finished."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            status, body = self.get(f'/job/{name}/{number}/api/json?tree=result,building')
            if status == 200:
                build = json.loads(body)
                if not build['building'] and build['result']:
                    return build['result'], self.get(f'/job/{name}/{number}/consoleText')[1]
            time.sleep(1)
        raise JenkinsError(f'{name} #{number} did not finish within {timeout} s')

    def build_actions(self, name, number, tree):
        return self.json(f'/job/{name}/{number}/api/json?tree=actions[{tree}]').get('actions', [])

    def pending_inputs(self, name, number):
        """The ids of the input prompts the build waits on (read from the build's actions: InputAction has no api)."""
        ids = []
        for action in self.build_actions(name, number, '_class,executions[id]'):
            for execution in (action or {}).get('executions') or []:
                ids.append(execution['id'])
        return ids

    def wait_input(self, name, number, prompt_id, timeout=180):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if prompt_id in self.pending_inputs(name, number):
                return
            build = self.json(f'/job/{name}/{number}/api/json?tree=building')
            if not build['building']:
                raise JenkinsError(f'{name} #{number} ended without asking {prompt_id}')
            time.sleep(1)
        raise JenkinsError(f'{name} #{number} did not ask {prompt_id} within {timeout} s')

    def answer(self, name, number, prompt_id, values=None):
        """Submits a prompt as this user, with parameter values (name to value), as the input page does."""
        parameters = [{'name': k, 'value': v} for k, v in (values or {}).items()]
        form = {'json': json.dumps({'parameter': parameters}), 'proceed': 'Proceed'}
        status, body = self.post(f'/job/{name}/{number}/input/{urllib.parse.quote(prompt_id)}/proceed', form)
        if status not in (200, 302):
            raise JenkinsError(f'answering {prompt_id} as {self.user}: HTTP {status} {body[:200]}')
