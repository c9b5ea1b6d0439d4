"""The checks of the real-Jenkins suite. Each check builds a sandboxed Pipeline as a Jenkinsfile author would
write it (the attacks included), drives it over HTTP, and returns ('PASS' | 'FAIL' | 'SKIP', detail)."""
import hashlib
import hmac
import http.server
import json
import re
import secrets
import threading
import time
import urllib.parse

from jenkins import Client

STAGING = 'it-staging-us-east-2'
PRODUCTION = 'it-production-us-east-2'
RULE = 'it-production'
M = 'releases/it-staging.yaml'
P = 'releases/it-production.yaml'
WORKFLOW_BASES = ('lambda-job', 's3-upload-resources', 's3-upload-public-assets', 's3-upload-portal', 'api-gw-deploy')


def groovy_string(text):
    return "'''" + text.replace('\\', '\\\\').replace("'''", "\\'\\'\\'") + "'''"


def write_file(path, text):
    return f"writeFile file: '{path}', text: {groovy_string(text)}\n"


def handlers(fail=None, sleep=0):
    """promoteRelease handlers for every workflowBase of the example: each echoes; `fail` fails its own."""
    entries = []
    for base in WORKFLOW_BASES:
        # the failing deployment fails at once; the others take a while, so that failFast stops them
        body = f'sleep {sleep}; ' if sleep and base != fail else ''
        body += f"error 'deployment of {base} failed'" if base == fail else f'echo "HANDLER {base} ${{ctx.RELEASE_ARTIFACT_ID}}"'
        entries.append(f"'{base}': {{ ctx -> {body} }}")
    return '[' + ', '.join(entries) + ']'


def passed(ok, detail):
    return ('PASS' if ok else 'FAIL'), detail


def tail(log, lines=6):
    return ' | '.join(log.strip().splitlines()[-lines:])


class Manifests:
    """The example release without images (no registry needed), renamed into the suite's own environments.

    Each run of the suite gives one deployment fresh commits, so that there is always something to release and
    to approve, however often the suite ran against the same controller before.
    """

    def __init__(self, example_path):
        with open(example_path, encoding='utf-8') as f:
            text = f.read().replace('\r\n', '\n')
        text = text[:text.index('    images:\n')] if '    images:\n' in text else text
        self.base = text.replace('name: staging-us-east-2', f'name: {STAGING}')
        self.commit = re.search(r'gitCommit: ([0-9a-f]{40})', self.base).group(1)
        self.stamp = str(time.time_ns())
        self.staging = self.with_commit(self.base, 'staging')
        production = (self.base.replace(f'name: {STAGING}', f'name: {PRODUCTION}')
                      .replace('shortName: stage-us', 'shortName: prod-us')
                      .replace('destinationTagPrefix: stage_us', 'destinationTagPrefix: prod_us'))
        self.production_base = production
        self.production = self.with_commit(production, 'production')
        self.attack = self.with_commit(production, 'attack')
        self.attack_variant = self.with_commit(production, 'attack-variant')

    def with_commit(self, text, purpose):
        commit = hashlib.sha1(f'{self.stamp} {purpose}'.encode()).hexdigest()
        return text.replace(self.commit, commit, 1)


class Suite:
    def __init__(self, admin, approvers, manifests):
        self.admin = admin
        self.first, self.second = approvers[0], approvers[1]
        self.m = manifests

    # --- configuration ----------------------------------------------------------------------------------------
    def configure(self):
        """Adds the suite's environments and rule; returns what to restore."""
        out = self.admin.script(f"""
import io.jenkins.plugins.releasetrain.jenkins.*
def c = ReleaseTrainConfiguration.get()
println 'TEMPLATE=' + (c.defaultJobTemplate ?: '')
println 'ALLOW=' + c.allowPipelineJobTemplate
def envs = new ArrayList(c.environments)
if (!envs.isEmpty()) {{
  envs.removeIf {{ it.name.startsWith('it-') }}
  envs.add(new ReleaseEnvironment('{STAGING}'))
  envs.add(new ReleaseEnvironment('{PRODUCTION}'))
  c.environments = envs
}}
def rules = new ArrayList(c.protectionRules)
rules.removeIf {{ it.name.startsWith('it-') }}
def rule = new ReleaseProtectionRule('{RULE}', '{PRODUCTION}')
rule.approvers = '{self.first.user}, {self.second.user}'
rule.requiredApprovals = 2
// The suite's Pipelines write their manifests: nobody can tell who wrote them (see unknown-authors-refused).
rule.allowUnknownAuthors = true
// Only the second approver lets a hotfix in (see hotfix-lane).
def lane = new ReleaseHotfixLane()
lane.approvers = '{self.second.user}'
lane.requiredApprovals = 1
rule.hotfixLane = lane
rules.add(rule)
c.protectionRules = rules
println 'CONFIGURED'
""")
        if 'CONFIGURED' not in out:
            raise RuntimeError('cannot configure the plugin through the script console: ' + out[:400])
        return dict(re.findall(r'^(TEMPLATE|ALLOW)=(.*)$', out, re.M))

    def restore(self, before):
        self.admin.script(f"""
import io.jenkins.plugins.releasetrain.jenkins.*
def c = ReleaseTrainConfiguration.get()
def rules = new ArrayList(c.protectionRules)
rules.removeIf {{ it.name.startsWith('it-') }}
c.protectionRules = rules
def envs = new ArrayList(c.environments)
if (envs.any {{ it.name.startsWith('it-') }}) {{
  envs.removeIf {{ it.name.startsWith('it-') }}
  c.environments = envs
}}
c.defaultJobTemplate = '{before.get('TEMPLATE', '')}'
c.allowPipelineJobTemplate = {before.get('ALLOW', 'false')}
""")

    def checks(self):
        return [
            ('plugin-active', self.plugin_active),
            ('system-configuration-page', self.system_configuration_page),
            ('board-pages', self.board_pages),
            ('board-assets-traversal', self.board_assets_traversal),
            ('promote-unprotected', self.promote_unprotected),
            ('release-record-pages', self.release_record_pages),
            ('promote-verified', self.promote_verified),
            ('release-events', self.release_events),
            ('validate-manifest-checks', self.validate_manifest_checks),
            ('changelog-for-approvers', self.changelog_for_approvers),
            ('approval-waits-outside-node', self.approval_waits_outside_node),
            ('forged-answer-to-another-question', self.forged_other_question),
            ('forged-prompt-with-other-words', self.forged_other_words),
            ('forged-answer-without-decision', self.forged_without_decision),
            ('forged-manifest-swapped-after-answer', self.forged_swap_after_answer),
            ('forged-prompt-judged-twice', self.forged_judged_twice),
            ('record-without-gate-refused', self.record_without_gate),
            ('promoteRelease-internals-unreachable', self.internals_unreachable),
            ('failfast-records-each-artifact-once', self.failfast_records_once),
            ('job-template-override-refused', self.job_template_override_refused),
            ('one-build-two-releases-two-pages', self.two_releases_two_pages),
            ('unknown-authors-refused', self.unknown_authors_refused),
            ('other-jobs-may-not-release', self.other_jobs_may_not_release),
            ('registry-host-not-allowed', self.registry_host_not_allowed),
            ('declarative-approval-outside-agent', self.declarative_approval_outside_agent),
            ('rollback-from-release-page', self.rollback_from_release_page),
            ('board-git-drift', self.board_git_drift),
            ('automatic-rollback', self.automatic_rollback),
            # Last: it leaves production as every other check expects it (the hotfix dropped again, on purpose).
            ('hotfix-lane', self.hotfix_lane),
        ]

    # --- helpers ----------------------------------------------------------------------------------------------
    def run(self, job, script):
        self.admin.put_pipeline(job, script)
        number = self.admin.start(job)
        self.admin.wait_started(job, number)
        return number

    def finish(self, job, number):
        return self.admin.wait_finished(job, number)

    def release_actions(self, job, number):
        tree = '_class,urlName,releaseId,decision,status,approvals[user,counts,recorded],artifacts[artifactId,status,message]'
        return [a for a in self.admin.build_actions(job, number, tree)
                if a and a.get('_class', '').endswith('ReleaseAction')]

    def single_prompt(self, job, number, timeout=180):
        deadline = time.time() + timeout
        while time.time() < deadline:
            pending = self.admin.pending_inputs(job, number)
            if pending:
                return pending[0]
            time.sleep(1)
        raise TimeoutError(f'{job} #{number} asked nothing within {timeout} s')

    def approvals_recorded(self, job, number):
        return [a for r in self.release_actions(job, number) for a in r.get('approvals') or [] if a.get('recorded')]

    # --- checks -----------------------------------------------------------------------------------------------
    def plugin_active(self):
        plugins = self.admin.json('/pluginManager/api/json?tree=plugins[shortName,active,version]')['plugins']
        found = [p for p in plugins if p['shortName'] == 'release-train']
        return passed(bool(found) and found[0]['active'], f'release-train: {found}')

    def system_configuration_page(self):
        status, page = self.admin.get('/manage/configure')
        labels = ['Approver user ids', 'Deployment job template', 'Pipelines may choose the deployment job template']
        missing = [label for label in labels if label not in page]
        has_save = 'name="Submit"' in page or '>Save<' in page
        broken = 'Unable to create expression' in page
        return passed(status == 200 and not missing and has_save and not broken,
                      f'HTTP {status}, {len(page)} bytes, missing labels {missing}, Save button {has_save}')

    def board_pages(self):
        results = {p: self.first.get(p)[0] for p in ('/release-board/', '/release-board/board.json',
                                                    '/release-board/assets/board.js')}
        return passed(all(s == 200 for s in results.values()), f'{results}')

    def board_assets_traversal(self):
        status, _ = self.first.get('/release-board/assets/%2e%2e/%2e%2e/config.xml')
        plain, _ = self.first.get('/release-board/assets/index.html')
        # Jetty may refuse an ambiguous encoded path itself (400); what reaches the plugin is answered 404.
        return passed(status in (400, 404) and plain == 404,
                      f'encoded traversal: HTTP {status}; index.html: HTTP {plain}')

    def promote_unprotected(self):
        job = 'it-promote-staging'
        number = self.run(job, 'node {\n' + write_file(M, self.m.staging)
                          + f"def out = promoteRelease manifest: '{M}', all: true, handlers: {handlers()}\n"
                          + 'echo "CHECK ${out.status} ${out.results.size()}"\n}')
        result, log = self.finish(job, number)
        releases = self.release_actions(job, number)
        artifacts = releases[0].get('artifacts', []) if releases else []
        return passed(result == 'SUCCESS' and 'CHECK succeeded 6' in log and len(artifacts) == 6,
                      f'#{number} {result}; {len(artifacts)} artifacts on the release page; ' + tail(log, 3))

    def release_record_pages(self):
        """The release record of promote-unprotected's run: readable by a signed-in user, not by anonymous."""
        page = f'/job/it-promote-staging/lastBuild/release-{STAGING}/'
        status, text = self.first.get(page + 'record.json')
        record = json.loads(text) if status == 200 else {}
        stated = record.get('recordSha256', '')
        zeroed = re.sub(r'("recordSha256" : ")[0-9a-f]{64}', lambda m: m.group(1) + '0' * 64, text)
        digest_ok = bool(stated) and hashlib.sha256(zeroed.encode()).hexdigest() == stated
        html_status, html = self.first.get(page + 'record.html')
        policy = self.first.last_headers.get('Content-Security-Policy', '')
        anonymous, _ = Client(self.admin.base).get(page + 'record.json')
        return passed(status == 200 and record.get('status') == 'succeeded' and digest_ok and html_status == 200
                      and "default-src 'none'" in policy and '<script' not in html and anonymous != 200,
                      f'record.json HTTP {status}, status {record.get("status")}, stated digest checks out: '
                      f'{digest_ok}; record.html HTTP {html_status}, CSP {policy!r}; anonymous: HTTP {anonymous}')

    def promote_verified(self):
        """promoteRelease verifies what it deployed: the first attempt fails, the second passes, and the verdict is on
        the build's release page, in the release record and on the board."""
        job = 'it-promote-verified'
        verify = ("{ ctx -> echo \"VERIFY ${ctx.environment} ${ctx.runId} ${ctx.changedArtifacts.size()}\"; "
                  "if (!fileExists('verified-once')) { writeFile file: 'verified-once', text: 'x'; "
                  "error 'smoke test: portal returned 502' }; return 'smoke tests passed' }")
        number = self.run(job, 'node {\n' + "deleteDir()\n" + write_file(M, self.m.staging)
                          + f"def out = promoteRelease manifest: '{M}', all: true, handlers: {handlers()},"
                          + f" verifyAttempts: 2, verify: {verify}\n"
                          + 'echo "CHECK ${out.verification.verification} ${out.verification.attempts}"\n}')
        result, log = self.finish(job, number)
        run_id = f'{job}#{number}'
        actions = self.admin.build_actions(job, number, '_class,verification,verificationMessage')
        page = [a for a in actions if a and a.get('_class', '').endswith('ReleaseAction')]
        status, text = self.first.get(f'/job/{job}/{number}/release-{STAGING}/record.json')
        record = (json.loads(text).get('verification') or {}) if status == 200 else {}
        board_status, board = self.first.get('/release-board/board.json')
        on_board = board_status == 200 and run_id in board and 'verified: passed (attempt 2 of 2)' in board
        ok = (result == 'SUCCESS' and f'VERIFY {STAGING} {run_id} 6' in log and 'CHECK verified 2' in log
              and 'attempt 1 of 2, failed: smoke test: portal returned 502' in log
              and bool(page) and page[0].get('verification') == 'verified'
              and record.get('passed') is True and record.get('attempts') == 2 and on_board)
        return passed(ok, f'#{number} {result}; release page: {page[0].get("verification") if page else None}'
                          f' ({page[0].get("verificationMessage") if page else None}); record.json verification:'
                          f' passed={record.get("passed")} attempts={record.get("attempts")}; on the board: {on_board}; '
                          + tail(log, 2))

    def release_events(self):
        """A Pipeline's onEvent hears its release start and succeed, and the controller sends the same events, signed
        with the Secret text credentials, to a webhook the administrator configured: a receiver run here on
        127.0.0.1."""
        received = []

        class Receiver(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get('Content-Length', 0)))
                received.append((dict(self.headers), body))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Receiver)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        secret = secrets.token_hex(16)
        url = f'http://127.0.0.1:{server.server_address[1]}/release-events'
        self.admin.script(f"""
import com.cloudbees.plugins.credentials.*
import com.cloudbees.plugins.credentials.domains.Domain
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl
import io.jenkins.plugins.releasetrain.jenkins.*
def store = CredentialsProvider.lookupStores(jenkins.model.Jenkins.get()).iterator().next()
store.getCredentials(Domain.global()).findAll {{ it.id == 'it-release-webhook' }}.each {{ store.removeCredentials(Domain.global(), it) }}
store.addCredentials(Domain.global(), new StringCredentialsImpl(CredentialsScope.GLOBAL, 'it-release-webhook', '',
        hudson.util.Secret.fromString('{secret}')))
def webhook = new ReleaseWebhook('{url}')
webhook.credentialsId = 'it-release-webhook'
webhook.events = 'started, succeeded'
def c = ReleaseTrainConfiguration.get()
c.webhooks = c.webhooks.findAll {{ !it.url.contains('/release-events') }} + [webhook]
""")
        try:
            job = 'it-release-events'
            number = self.run(job, 'node {\n' + write_file(M, self.m.staging)
                              + f"promoteRelease manifest: '{M}', all: true, handlers: {handlers()},"
                              + ' onEvent: { e -> echo "HEARD ${e.type} ${e.environment} ${e.runId}" }\n}')
            result, log = self.finish(job, number)
            deadline = time.time() + 30
            while len(received) < 2 and time.time() < deadline:
                time.sleep(0.5)
            run_id = f'{job}#{number}'
            events = []
            for headers, body in received:
                signature = {k.lower(): v for k, v in headers.items()}.get('x-release-train-signature', '')
                expected = 'sha256=' + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
                event = json.loads(body)
                events.append((event['data']['event'], event['subject'], event['data']['runId'],
                               hmac.compare_digest(signature, expected)))
            ok = (result == 'SUCCESS' and f'HEARD started {STAGING} {run_id}' in log
                  and f'HEARD succeeded {STAGING} {run_id}' in log
                  and [(t, s, r) for t, s, r, _ in events] == [('started', STAGING, run_id),
                                                              ('succeeded', STAGING, run_id)]
                  and all(signed for *_, signed in events))
            return passed(ok, f'#{number} {result}; webhook received (event, environment, run, signature ok): '
                              f'{events}; ' + tail(log, 2))
        finally:
            self.admin.script("""
import com.cloudbees.plugins.credentials.*
import com.cloudbees.plugins.credentials.domains.Domain
import io.jenkins.plugins.releasetrain.jenkins.*
def c = ReleaseTrainConfiguration.get()
c.webhooks = c.webhooks.findAll { !it.url.contains('/release-events') }
def store = CredentialsProvider.lookupStores(jenkins.model.Jenkins.get()).iterator().next()
store.getCredentials(Domain.global()).findAll { it.id == 'it-release-webhook' }.each { store.removeCredentials(Domain.global(), it) }
""")
            server.shutdown()

    def validate_manifest_checks(self):
        """validateReleaseManifest publishes to pull requests only through the Checks API plugin, and says so."""
        job = 'it-validate-manifest'
        number = self.run(job, 'node {\n' + write_file(M, self.m.staging)
                          + f"def out = validateReleaseManifest file: '{M}'\necho \"CHECK valid=${{out.valid}}\"\n}}\n")
        result, log = self.finish(job, number)
        plugins = self.admin.json('/pluginManager/api/json?tree=plugins[shortName,active]')['plugins']
        installed = any(p['shortName'] == 'checks-api' and p['active'] for p in plugins)
        said = 'The Checks API plugin is not installed' in log
        return passed(result == 'SUCCESS' and 'CHECK valid=true' in log and said != installed,
                      f'#{number} {result}; checks-api installed: {installed}; log says not installed: {said}; '
                      + tail(log, 3))

    def changelog_for_approvers(self):
        """With a changelog configured, releaseApproval lists the commits since what is live, from a real repository."""
        out = self.admin.script("""
import io.jenkins.plugins.releasetrain.jenkins.*
import org.eclipse.jgit.api.Git
def dir = java.nio.file.Files.createTempDirectory('it-changelog')
def work = dir.resolve('private-resources').toFile()
def git = Git.init().setDirectory(work).setInitialBranch('main').call()
def ids = []
['Resources 1', 'RES-9 compress the icons (#77)', 'Resources 2'].each { m ->
  new File(work, 'r.txt').text = m
  git.add().addFilepattern('r.txt').call()
  ids << git.commit().setMessage(m).setAuthor('IT', 'it@example.com').setCommitter('IT', 'it@example.com').setSign(false).call().name()
}
git.close()
def c = ReleaseTrainConfiguration.get()
println 'BEFORE=' + (c.changelog == null ? 'none' : 'set')
c.changelog = new ReleaseChangelogSource(dir.toString() + '/{gitRepoName}')
println 'IDS=' + ids.join(',')
""")
        ids = re.search(r'^IDS=(.*)$', out, re.M).group(1).split(',')
        resources = '4f545ec8f09c81ac645926f755ba13f46434f636'
        try:
            first = self.run('it-changelog-live', 'node {\n' + write_file(M, self.m.staging.replace(resources, ids[0]))
                             + f"promoteRelease manifest: '{M}', all: true, handlers: {handlers()}\n}}\n")
            live, _ = self.finish('it-changelog-live', first)
            job = 'it-changelog-approval'
            number = self.run(job, 'node {\n' + write_file(M, self.m.staging.replace(resources, ids[2]))
                              + f"def gate = releaseApproval manifest: '{M}'\n"
                              + "def e = gate.changelog.find { it.artifactId == 'product1/deploy/resources' }\n"
                              + 'echo "CHECK ${e.added.total} ${e.added.commits.collect { it.subject }}"\n}\n')
            result, log = self.finish(job, number)
            page_status, page = self.first.get(f'/job/{job}/{number}/release-{STAGING}/')
        finally:
            if 'BEFORE=none' in out:
                self.admin.script('io.jenkins.plugins.releasetrain.jenkins.ReleaseTrainConfiguration.get().changelog = null')
        return passed(live == 'SUCCESS' and result == 'SUCCESS'
                      and 'CHECK 2 [Resources 2, RES-9 compress the icons (#77)]' in log
                      and 'What it brings' in page and 'RES-9 compress the icons (#77)' in page,
                      f'live #{first} {live}; #{number} {result}; release page HTTP {page_status} lists the commits: '
                      f'{"RES-9 compress the icons" in page}; ' + tail(log, 2))

    def approval_waits_outside_node(self):
        job = 'it-promote-production'
        number = self.run(job, 'def release\nnode {\n' + write_file(P, self.m.production)
                          + f"  release = readReleaseManifest file: '{P}'\n}}\n"
                          + f'def out = promoteRelease release: release, handlers: {handlers()}\n'
                          + 'echo "CHECK ${out.status}"\n')
        prompt = self.single_prompt(job, number)
        busy = self.admin.json('/computer/api/json?tree=busyExecutors')['busyExecutors']
        self.first.answer(job, number, prompt, {'decision': 'approve', 'comment': 'it suite: first'})
        second_prompt = prompt[:-1] + '2'
        self.admin.wait_input(job, number, second_prompt)
        self.second.answer(job, number, second_prompt, {'decision': 'approve', 'comment': 'it suite: second'})
        result, log = self.finish(job, number)
        recorded = self.approvals_recorded(job, number)
        return passed(busy == 0 and result == 'SUCCESS' and 'CHECK succeeded' in log and len(recorded) == 2,
                      f'busy executors while waiting: {busy}; #{number} {result}; approvals recorded: '
                      f'{[a["user"] for a in recorded]}; ' + tail(log, 3))

    def attack(self, job, body):
        """A Jenkinsfile that reads the production manifest, asks for the gate and then does `body`."""
        return self.run(job, 'node {\n' + write_file(P, self.m.attack)
                        + f"  def gate = releaseApproval manifest: '{P}'\n" + body + '}\n')

    def forged_other_question(self):
        job = 'it-attack-other-question'
        number = self.attack(job, f"  input id: 'Smoke', message: 'Run smoke tests?', submitter: '{self.first.user}',"
                                  " parameters: [choice(name: 'decision', choices: ['approve'])]\n"
                                  '  recordApproval prompt: gate.prompt.id\n')
        self.admin.wait_input(job, number, 'Smoke')
        self.first.answer(job, number, 'Smoke', {'decision': 'approve'})
        result, log = self.finish(job, number)
        return passed(result == 'FAILURE' and 'Nobody has answered the approval prompt' in log
                      and not self.approvals_recorded(job, number), f'#{number} {result}: ' + tail(log, 2))

    def forged_other_words(self):
        job = 'it-attack-other-words'
        number = self.attack(job, "  input id: gate.prompt.id, message: 'Run smoke tests?', submitter: gate.prompt.submitter,"
                                  " parameters: [choice(name: 'decision', choices: ['approve'])]\n"
                                  '  recordApproval prompt: gate.prompt.id\n')
        prompt = self.single_prompt(job, number)
        self.first.answer(job, number, prompt, {'decision': 'approve'})
        result, log = self.finish(job, number)
        return passed(result == 'FAILURE' and 'another message than the release asked with' in log
                      and not self.approvals_recorded(job, number), f'#{number} {result}: ' + tail(log, 2))

    def forged_without_decision(self):
        job = 'it-attack-no-decision'
        number = self.attack(job, '  input id: gate.prompt.id, message: gate.prompt.message, submitter: gate.prompt.submitter\n'
                                  '  recordApproval prompt: gate.prompt.id\n')
        prompt = self.single_prompt(job, number)
        status, _ = self.first.post(f'/job/{job}/{number}/input/{prompt}/proceedEmpty')
        result, log = self.finish(job, number)
        return passed(result == 'FAILURE' and 'has no decision' in log and not self.approvals_recorded(job, number),
                      f'proceedEmpty HTTP {status}; #{number} {result}: ' + tail(log, 2))

    def forged_swap_after_answer(self):
        job = 'it-attack-swap'
        number = self.attack(job, '  input id: gate.prompt.id, message: gate.prompt.message, submitter: gate.prompt.submitter,'
                                  ' parameters: [choice(name: "decision", choices: gate.prompt.actions)]\n'
                                  '  ' + write_file(P, self.m.attack_variant)
                                  + '  echo "JUDGED ${recordApproval(prompt: gate.prompt.id).judgement.releaseId}"\n'
                                  + f"  echo \"NOW ${{readReleaseManifest(file: '{P}').releaseId}}\"\n"
                                  + f"  recordRelease event: 'started', manifest: '{P}'\n"
                                  + f"  recordRelease event: 'artifact', manifest: '{P}', artifactIds: ['product1/deploy/resources'], result: 'SUCCESS'\n")
        prompt = self.single_prompt(job, number)
        self.first.answer(job, number, prompt, {'decision': 'approve'})
        result, log = self.finish(job, number)
        judged = re.search(r'^JUDGED (\w+)', log, re.M)
        now = re.search(r'^NOW (\w+)', log, re.M)
        same_release = judged and now and judged.group(1) == now.group(1)
        return passed(result == 'FAILURE' and judged and now and not same_release
                      and 'has not been let through the approval gate' in log,
                      f'#{number} {result}: judged {judged and judged.group(1)[:12]}, file now {now and now.group(1)[:12]}; '
                      + tail(log, 2))

    def forged_judged_twice(self):
        job = 'it-attack-twice'
        number = self.attack(job, '  input id: gate.prompt.id, message: gate.prompt.message, submitter: gate.prompt.submitter,'
                                  ' parameters: [choice(name: "decision", choices: gate.prompt.actions)]\n'
                                  '  recordApproval prompt: gate.prompt.id\n  recordApproval prompt: gate.prompt.id\n')
        prompt = self.single_prompt(job, number)
        self.first.answer(job, number, prompt, {'decision': 'approve'})
        result, log = self.finish(job, number)
        return passed(result == 'FAILURE' and 'has already been judged' in log
                      and len(self.approvals_recorded(job, number)) == 1, f'#{number} {result}: ' + tail(log, 2))

    def record_without_gate(self):
        job = 'it-attack-no-gate'
        number = self.run(job, 'node {\n' + write_file(P, self.m.attack)
                          + f"  recordRelease event: 'started', manifest: '{P}'\n"
                          + f"  recordRelease event: 'artifact', manifest: '{P}', artifactIds: ['product1/deploy/resources'], result: 'SUCCESS'\n}}")
        result, log = self.finish(job, number)
        releases = self.release_actions(job, number)
        artifacts = [a for r in releases for a in r.get('artifacts') or []]
        return passed(result == 'FAILURE' and 'has not been let through the approval gate' in log and not artifacts,
                      f'#{number} {result}: ' + tail(log, 2))

    def internals_unreachable(self):
        job = 'it-attack-internals'
        number = self.run(job, 'node {\n' + write_file(P, self.m.attack)
                          + f"  promoteRelease.promote([manifest: '{P}'])\n}}")
        result, log = self.finish(job, number)
        refused = re.search(r'Scripts not permitted to use method \S+ invokeMethod .*PromoteRelease promote', log)
        return passed(result == 'FAILURE' and refused is not None,
                      f'#{number} {result}: ' + tail(log, 2))

    def failfast_records_once(self):
        job = 'it-failfast'
        number = self.run(job, 'node {\n' + write_file(M, self.m.staging)
                          + f"  promoteRelease manifest: '{M}', all: true, failFast: true,"
                          + f" handlers: {handlers(fail='s3-upload-portal', sleep=10)}\n}}")
        result, log = self.finish(job, number)
        releases = self.release_actions(job, number)
        artifacts = [a for r in releases for a in r.get('artifacts') or []]
        ids = [a['artifactId'] for a in artifacts]
        stopped = [a for a in artifacts if (a.get('message') or '').startswith('stopped because branch deploy product1/portal failed')]
        bad_messages = [a for a in artifacts if 'Exception' in (a.get('message') or '')]
        return passed(result == 'FAILURE' and len(ids) == 6 and len(set(ids)) == 6 and not bad_messages and stopped,
                      f'#{number} {result}: {len(ids)} artifacts ({len(set(ids))} distinct), {len(stopped)} stopped with'
                      f' the reason, messages: {[a.get("message") for a in artifacts]}')

    def job_template_override_refused(self):
        self.admin.script('io.jenkins.plugins.releasetrain.jenkins.ReleaseTrainConfiguration.get()'
                          ".defaultJobTemplate = 'it-release-jobs/${workflowBase}'")
        job = 'it-attack-template'
        number = self.run(job, 'node {\n' + write_file(M, self.m.staging)
                          + f"  releasePlan manifest: '{M}', jobTemplate: '/elsewhere/${{workflowBase}}'\n}}")
        result, log = self.finish(job, number)
        return passed(result == 'FAILURE' and 'do not let Pipelines choose another' in log,
                      f'#{number} {result}: ' + tail(log, 2))

    def two_releases_two_pages(self):
        job = 'it-two-releases'
        other = self.m.with_commit(self.m.base, 'second release')
        number = self.run(job, 'node {\n' + write_file(M, self.m.staging)
                          + f"  recordRelease event: 'started', manifest: '{M}'\n"
                          + write_file('again.yaml', other)
                          + "  recordRelease event: 'started', manifest: 'again.yaml'\n}")
        result, _ = self.finish(job, number)
        urls = [r['urlName'] for r in self.release_actions(job, number)]
        pages = [self.admin.get(f'/job/{job}/{number}/{u}/')[0] for u in urls]
        return passed(result == 'SUCCESS' and len(urls) == 2 and len(set(urls)) == 2 and pages == [200, 200],
                      f'#{number} {result}: pages {dict(zip(urls, pages))}')

    def set_rule(self, assignment):
        """Changes the suite's rule through the script console, e.g. "allowUnknownAuthors = false"."""
        self.admin.script(f"""
import io.jenkins.plugins.releasetrain.jenkins.*
def c = ReleaseTrainConfiguration.get()
def rules = new ArrayList(c.protectionRules)
rules.findAll {{ it.name == '{RULE}' }}.each {{ it.{assignment} }}
c.protectionRules = rules
""")

    def unknown_authors_refused(self):
        self.set_rule('allowUnknownAuthors = false')
        try:
            job = 'it-unknown-authors'
            number = self.run(job, 'node {\n' + write_file(P, self.m.with_commit(self.m.production_base, 'unknown'))
                              + f"  promoteRelease manifest: '{P}', handlers: {handlers()}\n}}")
            result, log = self.finish(job, number)
        finally:
            self.set_rule('allowUnknownAuthors = true')
        return passed(result == 'FAILURE' and 'who wrote it is unknown' in log and 'not in a git checkout' in log,
                      f'#{number} {result}: ' + tail(log, 1))

    def other_jobs_may_not_release(self):
        self.set_rule("allowedJobs = 'it-release/**'")
        try:
            job = 'it-attack-other-job'
            number = self.run(job, 'node {\n' + write_file(P, self.m.attack)
                              + f"  recordRelease event: 'started', manifest: '{P}'\n}}")
            result, log = self.finish(job, number)
        finally:
            self.set_rule("allowedJobs = ''")
        return passed(result == 'FAILURE' and f'The job {job} may not release into {PRODUCTION}' in log,
                      f'#{number} {result}: ' + tail(log, 1))

    def registry_host_not_allowed(self):
        job = 'it-attack-registry'
        with_images = self.m.staging + ('    images:\n      - repoName: product1/microservice-1\n'
                                        '        sourceTag: dev_123\n')
        number = self.run(job, 'node {\n' + write_file(M, with_images)
                          + f"  tagImages manifest: '{M}', registry: 'https://169.254.169.254'\n}}")
        result, log = self.finish(job, number)
        return passed(result == 'FAILURE' and 'is not a registry this server may contact for a build' in log,
                      f'#{number} {result}: ' + tail(log, 1))

    def declarative_approval_outside_agent(self):
        """The Declarative pattern docs/steps.md shows: read on an agent, wait for approval with none."""
        job = 'it-declarative'
        script = ("pipeline {\n  agent none\n  stages {\n"
                  "    stage('Read') {\n      agent any\n      steps {\n        "
                  + write_file(P, self.m.with_commit(self.m.production_base, 'declarative'))
                  + f"        script {{ release = readReleaseManifest file: '{P}' }}\n      }}\n    }}\n"
                  + "    stage('Production') {\n      steps {\n"
                  + f"        script {{ promoteRelease release: release, handlers: {handlers()} }}\n"
                  + "      }\n    }\n  }\n}\n")
        number = self.run(job, script)
        prompt = self.single_prompt(job, number)
        busy = self.admin.json('/computer/api/json?tree=busyExecutors')['busyExecutors']
        self.first.answer(job, number, prompt, {'decision': 'approve'})
        second = prompt[:-1] + '2'
        self.admin.wait_input(job, number, second)
        self.second.answer(job, number, second, {'decision': 'approve'})
        result, log = self.finish(job, number)
        return passed(result == 'SUCCESS' and busy == 0,
                      f'#{number} {result}; busy executors while waiting: {busy}; ' + tail(log, 2))

    def rollback_from_release_page(self):
        """Releases twice, then presses "Roll back to this release" on the first run's page over HTTP (POST with
        crumb): the build it starts rolls the environment back, and the ledger and the board say so."""
        job = 'it-rollback'
        first_text = self.m.with_commit(self.m.base, 'rollback first')
        first = self.run(job, 'node {\n' + write_file(M, first_text)
                         + f"promoteRelease manifest: '{M}', handlers: {handlers()}\n}}")
        first_result, _ = self.finish(job, first)
        second = self.run(job, 'node {\n' + write_file(M, self.m.with_commit(self.m.base, 'rollback second'))
                          + f"promoteRelease manifest: '{M}', handlers: {handlers()}\n}}")
        second_result, _ = self.finish(job, second)
        page = f'/job/{job}/{first}/release-{STAGING}/'
        _, html = self.admin.get(page)
        offered = 'Roll back to this release' in html
        anonymous, _ = Client(self.admin.base).post(page + 'rollback')
        link, _ = self.admin.get(page + 'rollback')
        queued = self.admin.json(f'/job/{job}/api/json?tree=nextBuildNumber')['nextBuildNumber']
        status, _ = self.admin.post(page + 'rollback')
        self.admin.wait_started(job, queued)
        result, log = self.finish(job, queued)
        releases = [a for a in self.admin.build_actions(job, queued, '_class,rollbackTo,status,releaseId')
                    if a and a.get('_class', '').endswith('ReleaseAction')]
        rollback_to = releases[0].get('rollbackTo') if releases else None
        record_status, record_text = self.admin.get(f'/job/{job}/{queued}/release-{STAGING}/record.json')
        record = json.loads(record_text) if record_status == 200 else {}
        board = json.dumps(self.admin.json('/release-board/board.json'))
        run_id = f'{job}#{first}'
        return passed(first_result == 'SUCCESS' and second_result == 'SUCCESS' and offered
                      and anonymous in (401, 403, 404) and link == 405 and status == 200 and result == 'SUCCESS'
                      and rollback_to == run_id and run_id in json.dumps(record.get('rollback'))
                      and f'{job}#{queued}' in board,
                      f'#{first} {first_result}, #{second} {second_result}; button offered: {offered}; anonymous POST '
                      f'HTTP {anonymous}, GET HTTP {link}; POST HTTP {status} -> #{queued} {result}, rollbackTo '
                      f'{rollback_to}; record rollback {record.get("rollback")}; ' + tail(log, 2))

    def hotfix_lane(self):
        """A hotfix into production: the rule's regular approver cannot let it in, the lane's approver alone does,
        and the run is a hotfix in the release record and on the board. The next regular release that would take it
        away is refused; given a reason (dropHotfix), it goes on with the rule's usual approvals."""
        job = 'it-hotfix'
        hotfix = self.run(job, 'node {\n' + write_file(P, self.m.with_commit(self.m.production_base, 'hotfix'))
                          + f"promoteRelease manifest: '{P}', hotfix: true, handlers: {handlers()}\n}}")
        prompt = self.single_prompt(job, hotfix)
        self.first.answer(job, hotfix, prompt, {'decision': 'approve', 'comment': 'it suite: not in the lane'})
        second_prompt = prompt[:-1] + '2'
        self.admin.wait_input(job, hotfix, second_prompt)
        self.second.answer(job, hotfix, second_prompt, {'decision': 'approve', 'comment': 'it suite: on call'})
        hotfix_result, hotfix_log = self.finish(job, hotfix)
        counted = [a['user'] for r in self.release_actions(job, hotfix) for a in r.get('approvals') or []
                   if a.get('counts')]
        status, text = self.admin.get(f'/job/{job}/{hotfix}/release-{PRODUCTION}/record.json')
        record = json.loads(text) if status == 200 else {}
        board = self.admin.json('/release-board/board.json')
        runs = [r for e in board.get('environments', []) if e.get('name') == PRODUCTION
                for r in (e.get('history') or {}).get('runs', []) if r.get('runId') == f'{job}#{hotfix}']
        later = self.m.with_commit(self.m.production_base, 'after hotfix')
        refused = self.run(job, 'node {\n' + write_file(P, later)
                           + f"promoteRelease manifest: '{P}', handlers: {handlers()}\n}}")
        refused_result, refused_log = self.finish(job, refused)
        dropping = self.run(job, 'node {\n' + write_file(P, later)
                            + f"promoteRelease manifest: '{P}', dropHotfix: 'it suite: back to the regular line',"
                            + f" handlers: {handlers()}\n}}")
        first_prompt = self.single_prompt(job, dropping)
        # Approvers read what the release drops, and why, in the prompt they answer.
        _, input_page = self.first.get(f'/job/{job}/{dropping}/input/')
        shown = 'Dropping the hotfix on' in input_page
        self.first.answer(job, dropping, first_prompt, {'decision': 'approve', 'comment': 'it suite: first'})
        next_prompt = first_prompt[:-1] + '2'
        self.admin.wait_input(job, dropping, next_prompt)
        self.second.answer(job, dropping, next_prompt, {'decision': 'approve', 'comment': 'it suite: second'})
        dropping_result, dropping_log = self.finish(job, dropping)
        ok = (hotfix_result == 'SUCCESS' and counted == [self.second.user] and record.get('hotfix') is True
              and bool(runs) and runs[0].get('hotfix') is True
              and refused_result == 'FAILURE' and 'would take the live hotfix away' in refused_log
              and shown and dropping_result == 'SUCCESS' and 'Dropping the hotfix on' in dropping_log)
        return passed(ok, f'hotfix #{hotfix} {hotfix_result}, counted {counted}, record hotfix {record.get("hotfix")},'
                          f' board run {runs[0] if runs else None}; regular #{refused} {refused_result}:'
                          f' {tail(refused_log, 1)}; dropHotfix #{dropping} {dropping_result}, shown to approvers: {shown}; ' + tail(hotfix_log, 1))

    def board_git_drift(self):
        """With the board's manifests repository set (as an administrator would), an environment whose manifest in
        git declares another release than the one running shows gitDrift in board.json; one whose manifest matches
        shows none; an unreachable repository leaves the board answering without drift. Someone without
        Overall/Administer (here: anonymous) cannot make the controller read a repository through the form's check."""
        job = 'it-board-git-drift'
        live = self.m.with_commit(self.m.base, 'git drift live')
        declared = self.m.with_commit(self.m.base, 'git drift declared')
        number = self.run(job, 'node {\n' + write_file(M, live)
                          + f"promoteRelease manifest: '{M}', handlers: {handlers()}\n}}")
        result, _ = self.finish(job, number)
        out = self.admin.script(f"""
import io.jenkins.plugins.releasetrain.jenkins.*
import org.eclipse.jgit.api.Git
def repository(String text) {{
  def work = java.nio.file.Files.createTempDirectory('it-board-git-drift').toFile()
  def git = Git.init().setDirectory(work).setInitialBranch('main').call()
  def manifest = new File(work, 'releases/{STAGING}.yaml')
  manifest.parentFile.mkdirs()
  manifest.text = text
  git.add().addFilepattern('releases').call()
  git.commit().setMessage('manifests').setAuthor('IT', 'it@example.com').setCommitter('IT', 'it@example.com').setSign(false).call()
  git.close()
  return work.toPath().toUri().toString()
}}
def b = ReleaseTrainConfiguration.get().boardManifests
println 'BEFORE=' + (b == null ? '' : [b.repository, b.pathPattern, b.branch ?: '', b.credentialsId ?: ''].join('\t'))
println 'DRIFTING=' + repository({groovy_string(declared)})
println 'MATCHING=' + repository({groovy_string(live)})
""")
        before = re.search(r'^BEFORE=(.*)$', out, re.M).group(1)
        drifting = re.search(r'^DRIFTING=(.*)$', out, re.M).group(1)
        matching = re.search(r'^MATCHING=(.*)$', out, re.M).group(1)

        def board_with(url):
            self.admin.script('io.jenkins.plugins.releasetrain.jenkins.ReleaseTrainConfiguration.get().boardManifests = '
                              f"new io.jenkins.plugins.releasetrain.jenkins.ReleaseBoardManifests('{url}')")
            status, text = self.admin.get('/release-board/board.json')
            board = json.loads(text) if status == 200 else {}
            staging = [e for e in board.get('environments', []) if e.get('name') == STAGING]
            return status, staging[0].get('gitDrift') if staging else 'no staging column'

        check = ('/descriptorByName/io.jenkins.plugins.releasetrain.jenkins.ReleaseBoardManifests/testConnection'
                 '?repository=' + urllib.parse.quote(drifting, safe=''))
        try:
            _, drift = board_with(drifting)
            _, matched = board_with(matching)
            unreachable_status, unreachable = board_with(matching.rstrip('/') + '-missing/')
            # The lab's signed-in users may administer it; anonymous may not (Overall/Read alone is the
            # JenkinsRule test's case).
            reader_check, _ = Client(self.admin.base).post(check)
            admin_check, answer = self.admin.post(check)
        finally:
            if before:
                repository, pattern, branch, credentials = before.split('\t')
                self.admin.script(f"""
import io.jenkins.plugins.releasetrain.jenkins.*
def b = new ReleaseBoardManifests('{repository}')
b.pathPattern = '{pattern}'
b.branch = '{branch}'
b.credentialsId = '{credentials}'
ReleaseTrainConfiguration.get().boardManifests = b
""")
            else:
                self.admin.script('io.jenkins.plugins.releasetrain.jenkins.ReleaseTrainConfiguration.get().boardManifests = null')
        return passed(result == 'SUCCESS' and drift and f'git (main:releases/{STAGING}.yaml)' in drift
                      and matched is None and unreachable_status == 200 and unreachable is None
                      and reader_check in (401, 403) and admin_check == 200 and 'Read main at commit' in answer,
                      f'#{number} {result}; drifting: {drift}; matching: {matched}; unreachable: HTTP '
                      f'{unreachable_status}, {unreachable}; form check by anonymous: HTTP {reader_check}, '
                      f'by the administrator: HTTP {admin_check}')

    def automatic_rollback(self):
        """Under a rule that rolls back after a failed verification (rollbackOnVerificationFailure), a release whose
        verification fails is rolled back at once by the same build, without a prompt (a rollback someone asks for
        would need an approval under this rule): the build fails and says so, its page shows the rollback, the
        ledger records it with the reason verification-failed, and a Jenkinsfile cannot read such a rollback
        itself after a verification that passed."""
        rule = 'it-staging-autorollback'
        self.admin.script(f"""
import io.jenkins.plugins.releasetrain.jenkins.*
def c = ReleaseTrainConfiguration.get()
def rules = new ArrayList(c.protectionRules)
rules.removeIf {{ it.name == '{rule}' }}
def rule = new ReleaseProtectionRule('{rule}', '{STAGING}')
rule.approvers = '{self.first.user}'
rule.rollbackRequiredApprovals = '1'
rule.rollbackOnVerificationFailure = true
rules.add(rule)
c.protectionRules = rules
""")
        try:
            job = 'it-autorollback'
            verify = ("{ ctx -> echo \"VERIFY ${ctx.runId}\"; "
                      "if (!ctx.runId.endsWith('+rollback')) { error 'smoke test: checkout returned 502' } }")
            first = self.run(job, 'node {\n' + write_file(M, self.m.with_commit(self.m.base, 'autorollback first'))
                             + f"promoteRelease manifest: '{M}', handlers: {handlers()}\n}}")
            first_result, _ = self.finish(job, first)
            second = self.run(job, 'node {\n' + write_file(M, self.m.with_commit(self.m.base, 'autorollback second'))
                              + f"promoteRelease manifest: '{M}', handlers: {handlers()}, verify: {verify}\n}}")
            result, log = self.finish(job, second)
            prompts = self.admin.pending_inputs(job, second)
            actions = [a for a in self.admin.build_actions(job, second, '_class,urlName,runId,rollbackTo,status')
                       if a and a.get('_class', '').endswith('ReleaseAction')]
            back = [a for a in actions if a.get('rollbackTo')]
            record = {}
            if back:
                status, text = self.admin.get(f"/job/{job}/{second}/{back[0].get('urlName')}/record.json")
                record = (json.loads(text).get('rollback') or {}) if status == 200 else {}
            # The attacker's own build: its verification passes, then it asks for the rule's rollback itself.
            attack = self.run(job, 'node {\n' + write_file(M, self.m.with_commit(self.m.base, 'autorollback third'))
                              + f"promoteRelease manifest: '{M}', handlers: {handlers()}, verify: {{ ctx -> echo 'ok' }}\n"
                              + f"}}\nreadReleaseRollback environment: '{STAGING}', automatic: true\n")
            attack_result, attack_log = self.finish(job, attack)
        finally:
            self.admin.script(f"""
import io.jenkins.plugins.releasetrain.jenkins.*
def c = ReleaseTrainConfiguration.get()
def rules = new ArrayList(c.protectionRules)
rules.removeIf {{ it.name == '{rule}' }}
c.protectionRules = rules
""")
        run_id = f'{job}#{first}'
        ok = (first_result == 'SUCCESS' and result == 'FAILURE' and not prompts
              and f'verification failed: smoke test: checkout returned 502; {STAGING} was rolled back to run {run_id}'
              in log
              and f'VERIFY {job}#{second}+rollback' in log
              and len(back) == 1 and back[0].get('runId') == f'{job}#{second}+rollback'
              and back[0].get('status') == 'succeeded' and back[0].get('rollbackTo') == run_id
              and record.get('reason') == 'verification-failed' and record.get('to') == run_id
              and attack_result == 'FAILURE' and 'passed its verification' in attack_log)
        return passed(ok, f'#{first} {first_result}, #{second} {result}; prompts {prompts}; rollback on the page: '
                          f'{back}; record rollback {record}; attacker #{attack} {attack_result}: '
                          + tail(attack_log, 1) + '; ' + tail(log, 2))
