package io.jenkins.plugins.releasetrain.jenkins

/**
 * The body of the {@code promoteRelease} global variable. It only sequences steps: the plan, the branches,
 * their jobs and parameters come from {@code releasePlan}, the approval decision and the prompt from
 * {@code releaseApproval}, the judgement of each answer from {@code recordApproval}, the ledger records from
 * {@code recordRelease} (whose end of the run also says whether a verification follows, and what it is told), so
 * that every decision is made, and enforced, in Java on the controller.
 *
 * Only {@link #call} is a method. A Pipeline script can reach every method and field of this trusted class, so
 * the steps of a promotion are closures local to {@code call}: nothing but the whole promotion, with its
 * argument checks and its lock, can be started from a Jenkinsfile. (The steps refuse out-of-order use on their
 * own too: nothing is tagged or recorded in a protected environment before its approval gate let it through.)
 *
 * Written for both the Pipeline CPS interpreter (Groovy 2.4) and plain Groovy (the engine build drives it
 * with recording fakes): index loops over lists, no lambdas, each closure defined before the closures that
 * call it, and the parallel branches built by {@code branchClosure} so that each captures its own branch.
 */
class PromoteRelease implements Serializable {

    private static final long serialVersionUID = 1L

    private static final String DECISION_HELP = 'approve counts toward the approvals this release needs;' +
            ' reject stops this release until its manifest changes'
    private static final String COMMENT_HELP = 'Why: kept in the release ledger with your answer'

    def script

    PromoteRelease(script) {
        this.script = script
    }

    def call(Map args) {
        def s = script
        if (args == null) {
            s.error("promoteRelease needs the manifest to promote, e.g. promoteRelease manifest: 'releases/staging-us-east-2.yaml'")
        }
        // A rollback names its environment, not a manifest: where it goes and the digests it restores are read
        // from the ledger on the controller, inside the lock (readReleaseRollback), never taken from here.
        def rollback = null
        if (args.containsKey('rollback') || args.containsKey('environment') || args.containsKey('rollbackTo')) {
            if (args.rollback != true || !(args.environment instanceof CharSequence) || args.environment.length() == 0) {
                s.error("promoteRelease rolls an environment back with rollback: true and environment:, e.g." +
                        " promoteRelease rollback: true, environment: 'production-us-east-2' (rollbackTo: names a run or release)")
            }
            if (args.manifest != null || args.release != null || args.against != null || args.resume == true ||
                    args.hotfix != null || args.dropHotfix != null) {
                s.error('promoteRelease rollback: true reads what it restores from the ledger and runs it as a whole:' +
                        ' it takes no manifest:, release:, against:, resume:, hotfix: or dropHotfix:')
            }
            rollback = [environment: args.environment.toString(), to: args.rollbackTo == null ? null : args.rollbackTo.toString()]
            args = new LinkedHashMap(args)
            args.remove('rollback')
            args.remove('environment')
            args.remove('rollbackTo')
        }

        def names = new ArrayList(args.keySet())
        def known = ['manifest', 'release', 'against', 'jobTemplate', 'resume', 'all', 'failFast', 'handlers',
                     'registry', 'credentialsId', 'verify', 'verifyJob', 'verifyAttempts', 'verifyTimeout', 'onEvent',
                     'hotfix', 'dropHotfix']
        for (int i = 0; i < names.size(); i++) {
            if (!known.contains(names[i])) {
                s.error('promoteRelease does not know the parameter ' + names[i] + '; it takes ' + known.join(', '))
            }
        }
        def hasManifest = args.manifest instanceof CharSequence && args.manifest.length() > 0
        if (rollback == null && hasManifest == (args.release != null)) {
            s.error("promoteRelease needs either manifest: (a path in the workspace, inside node) or release:" +
                    " (what readReleaseManifest returned), e.g. promoteRelease manifest: 'releases/staging-us-east-2.yaml'")
        }
        if (args.handlers != null) {
            if (!(args.handlers instanceof Map)) {
                s.error("promoteRelease handlers: is a map from workflowBase to a closure, e.g. handlers: ['lambda-job': { ctx -> ... }]")
            }
            def workflowBases = new ArrayList(args.handlers.keySet())
            for (int i = 0; i < workflowBases.size(); i++) {
                if (!(args.handlers[workflowBases[i]] instanceof Closure)) {
                    s.error('promoteRelease handler for ' + workflowBases[i] + ' is not a closure')
                }
            }
        }

        // How the release is released is said once, to readReleaseManifest: the controller keeps it with the build,
        // and the gate (the rule's hotfix lane), the ledger and the events all take it from there.
        if (args.hotfix != null && !(args.hotfix instanceof Boolean)) {
            s.error("promoteRelease hotfix: is true or false, e.g. hotfix: true (let in by the rule's hotfix lane)")
        }
        if (args.dropHotfix != null && !(args.dropHotfix instanceof CharSequence && args.dropHotfix.toString().trim().length() > 0)) {
            s.error("promoteRelease dropHotfix: says why this release may take a live hotfix away, e.g." +
                    " dropHotfix: 'the fix is reverted on purpose'")
        }
        if (args.hotfix == true && args.dropHotfix != null) {
            s.error('promoteRelease takes hotfix: true or dropHotfix:, not both: a hotfix replaces hotfixes knowingly')
        }
        def readArgs = { Map source ->
            if (args.hotfix == true) {
                source.hotfix = true
            }
            if (args.dropHotfix != null) {
                source.dropHotfix = args.dropHotfix.toString()
            }
            return source
        }
        if (args.onEvent != null && !(args.onEvent instanceof Closure)) {
            s.error("promoteRelease onEvent: is a closure, e.g. onEvent: { event -> slackSend message: event.summary }")
        }
        if (args.verify != null && !(args.verify instanceof Closure)) {
            s.error("promoteRelease verify: is a closure, e.g. verify: { ctx -> sh './smoke-test.sh' }")
        }
        if (args.verifyJob != null && !(args.verifyJob instanceof CharSequence && args.verifyJob.length() > 0)) {
            s.error("promoteRelease verifyJob: is the name of a job, e.g. verifyJob: 'release-jobs/verify'")
        }
        def verifying = args.verify != null || args.verifyJob != null
        if (!verifying && (args.verifyAttempts != null || args.verifyTimeout != null)) {
            s.error('promoteRelease verifyAttempts: and verifyTimeout: need verify: (a closure) or verifyJob: (a job)')
        }
        if (args.verifyAttempts != null && !(args.verifyAttempts instanceof Integer && args.verifyAttempts >= 1 &&
                args.verifyAttempts <= 10)) {
            s.error('promoteRelease verifyAttempts: is how many times the verification may run, 1 to 10')
        }
        if (args.verifyTimeout != null && !(args.verifyTimeout instanceof Integer && args.verifyTimeout >= 1)) {
            s.error('promoteRelease verifyTimeout: is how many minutes one attempt of the verification may take')
        }

        // Read once; every later step names the release by id and gets exactly these bytes from the controller,
        // with no workspace: the wait for approval holds no executor, and no file change can alter the release.
        def read = null
        if (rollback == null && hasManifest) {
            read = s.readReleaseManifest(readArgs([file: args.manifest]))
        } else if (rollback == null) {
            read = s.readReleaseManifest(readArgs([release: args.release instanceof Map ? args.release.releaseId :
                    args.release.toString()]))
        }
        def releaseId = read == null ? null : read.releaseId

        // A build started by "Roll back to this release" on a release's page carries where to go as parameters,
        // which readReleaseManifest reports: the call that releases that environment rolls it back instead, and
        // the build releases nothing else.
        def asked = rollback == null ? read.rollbackRequested : null
        if (asked != null) {
            if (asked.environment != read.environment.name) {
                s.echo('This build rolls back ' + asked.environment + ': the release of ' + read.environment.name + ' is skipped')
                return [environment: read.environment.name, releaseId: releaseId, succeeded: true,
                        skippedForRollback: asked.environment, results: [], failed: [], skipped: []]
            }
            rollback = [environment: asked.environment, to: asked.to]
            args = new LinkedHashMap(args)
            args.remove('against')
            args.remove('resume')
        }
        def environment = rollback != null ? rollback.environment : read.environment.name
        def runId = null

        // The Jenkinsfile's onEvent: hears what happened, to call slackSend or mail. It is told, it decides
        // nothing: a closure that throws gets a line in the log and the release goes on. (Listeners and webhooks on
        // the controller hear the same events from the steps themselves, not from here.)
        def buildUrl = {
            try {
                return s.currentBuild.absoluteUrl
            } catch (Exception e) {
                // No root URL configured: no link rather than no event.
                return null
            }
        }
        def tell = { String type, String summary, Map details ->
            if (args.onEvent == null) {
                return
            }
            def event = [type: type, environment: environment, releaseId: releaseId, runId: runId,
                         summary: summary, link: buildUrl(), details: details]
            try {
                args.onEvent.call(event)
            } catch (InterruptedException e) {
                throw e
            } catch (Exception e) {
                s.echo('promoteRelease onEvent failed on ' + type + ', the release goes on: ' +
                        (e.message == null ? e.toString() : e.message))
            } catch (AssertionError e) {
                s.echo('promoteRelease onEvent failed on ' + type + ', the release goes on: ' +
                        (e.message == null ? e.toString() : e.message))
            }
        }
        // A rollback's release is known once it is read from the ledger, inside the lock (set again there).
        def shortId = releaseId == null ? null : releaseId.substring(0, 12)

        // Arguments the automatic rollback leaves out: what it restores comes from the ledger, as a whole.
        def leftOutArgs = []
        def copy = { Map into, List names2 ->
            for (int i = 0; i < names2.size(); i++) {
                def name = names2[i]
                if (args[name] != null && !leftOutArgs.contains(name)) {
                    into[name] = args[name]
                }
            }
            return into
        }

        def finish = { boolean cancelled ->
            def finished = s.recordRelease(event: 'finished', release: releaseId, cancelled: cancelled)
            def succeeded = finished.status == 'succeeded'
            // A rollback that succeeded is told as rolled back, as the controller's listeners hear it.
            def type = succeeded ? (rollback != null ? 'rolled-back' : 'succeeded') : 'failed'
            tell(type, environment + ': ' + (rollback != null ? 'rollback to release ' : 'release ') + shortId + ' ' +
                    finished.status + ' (run ' + finished.runId + ')', [status: finished.status])
            if (succeeded && rollback == null && read != null && read.hotfix == true) {
                tell('hotfix', environment + ': hotfix ' + shortId + ' is live; the environments before it do not have it yet', [:])
            }
            return finished
        }

        def recordBranch = { Map record ->
            def recordArgs = [event: 'artifact', release: releaseId, artifactIds: record.artifactIds,
                              result: record.result == 'RUNNING' ? 'FAILURE' : record.result, startedAt: record.startedAt]
            def message = record.message
            if (message == null && record.job != null) {
                message = record.job + ' #' + record.build + ' ' + record.result
            }
            if (message == null && record.handler != null) {
                message = 'deployed by the ' + record.handler + ' handler of the Pipeline'
            }
            if (message != null) {
                recordArgs.message = message
            }
            // Which build or handler deployed the artifacts, for the release record.
            if (record.job != null && record.build != null) {
                recordArgs.build = record.job + ' #' + record.build
            }
            if (record.handler != null) {
                recordArgs.handler = record.handler
            }
            s.recordRelease(recordArgs)
            record.recorded = true
        }

        def triggerJob = { Map branch, Map record ->
            def parameters = []
            for (int i = 0; i < branch.parameters.size(); i++) {
                def parameter = branch.parameters[i]
                parameters.add(s.string(name: parameter.name, value: parameter.value))
            }
            record.job = branch.job
            def run = s.build(job: branch.job, parameters: parameters, propagate: false, wait: true)
            // Job and number, never run.absoluteUrl: that throws when Jenkins' root URL is not configured, and
            // would turn a deployment that succeeded into a failure. Links are made where a root URL is known.
            record.build = run.number
            record.result = run.result
            if (run.result != 'SUCCESS') {
                record.message = branch.job + ' #' + run.number + ' finished ' + run.result
                s.error(record.message)
            }
        }

        def promoteImages = { Map branch, Map record ->
            def tagArgs = copy([release: releaseId, products: [branch.product]], ['registry', 'credentialsId'])
            def tagged = null
            // Tagging is idempotent: after a controller restart cut it short, running it again finishes the job.
            s.retry(count: 2, conditions: [s.nonresumable()]) {
                tagged = s.tagImages(tagArgs)
            }
            record.registry = tagged.registry
            record.message = tagged.summaryLine
        }

        def handlers = args.handlers == null ? [:] : args.handlers

        def runBranch = { Map branch, Map results ->
            def record = [branch: branch.name, kind: branch.kind, artifactIds: branch.artifactIds, result: 'RUNNING',
                          startedAt: System.currentTimeMillis()]
            results[branch.name] = record
            try {
                if (branch.kind == 'images') {
                    promoteImages(branch, record)
                } else if (handlers[branch.workflowBase] != null) {
                    record.handler = branch.workflowBase
                    def handler = handlers[branch.workflowBase]
                    handler.call(new LinkedHashMap(branch.context))
                } else {
                    triggerJob(branch, record)
                }
                record.result = 'SUCCESS'
            } catch (InterruptedException e) {
                // Stopped from outside (a sibling failed under failFast, or the build was aborted): recorded
                // after parallel, with the reason.
                record.result = 'ABORTED'
                throw e
            } catch (Exception e) {
                if (record.result == 'RUNNING') {
                    record.result = 'FAILURE'
                }
                if (record.message == null) {
                    record.message = e.message == null ? e.toString() : e.message
                }
                throw e
            } finally {
                if (record.result != 'ABORTED') {
                    // If this is interrupted in turn, recorded stays unset and the record is made after parallel.
                    recordBranch(record)
                }
            }
        }

        def branchClosure = { Map branch, Map results ->
            return {
                runBranch(branch, results)
            }
        }

        def outcomeOf = { Map plan, Map results ->
            def runs = []
            def failed = []
            def branches = plan.branches
            for (int i = 0; i < branches.size(); i++) {
                def branch = branches[i]
                def record = results[branch.name]
                if (record == null) {
                    record = [branch: branch.name, kind: branch.kind, artifactIds: branch.artifactIds, result: 'NOT_BUILT',
                              startedAt: System.currentTimeMillis()]
                }
                runs.add(record)
                if (record.result != 'SUCCESS') {
                    failed.add(branch.name)
                }
            }
            return [environment: plan.environment, releaseId: plan.releaseId, succeeded: failed.isEmpty(),
                    results: runs, failed: failed, skipped: plan.skipped]
        }

        // Every branch's result reaches the ledger once, whatever interrupted it: those stopped from outside, those
        // never started and those whose own record was cut short are recorded here, after parallel.
        def recordTheRest = { Map outcome, boolean interrupted ->
            def stoppedBy = null
            for (int i = 0; i < outcome.results.size(); i++) {
                def result = outcome.results[i].result
                if (stoppedBy == null && result != 'SUCCESS' && result != 'ABORTED' && result != 'NOT_BUILT') {
                    stoppedBy = outcome.results[i].branch
                }
            }
            for (int i = 0; i < outcome.results.size(); i++) {
                def record = outcome.results[i]
                if (record.recorded == true) {
                    continue
                }
                if (record.result == 'ABORTED' || record.result == 'NOT_BUILT') {
                    record.message = stoppedBy != null && !interrupted ?
                            'stopped because branch ' + stoppedBy + ' failed' :
                            'stopped because the build was aborted'
                }
                recordBranch(record)
            }
        }

        // One attempt: the closure, then the job, with what the controller says the verification is told. What
        // the closure returns as text, and which build ran, are kept for the ledger.
        def verifyOnce = { Map verification, Map attempt ->
            if (args.verify != null) {
                def context = [environment: verification.environment, releaseId: verification.releaseId,
                               runId: verification.runId, changedArtifacts: new ArrayList(verification.changedArtifacts)]
                def returned = args.verify.call(context)
                if (returned instanceof CharSequence) {
                    attempt.output = returned.toString()
                }
            }
            if (args.verifyJob != null) {
                def parameters = []
                for (int i = 0; i < verification.parameters.size(); i++) {
                    def parameter = verification.parameters[i]
                    parameters.add(s.string(name: parameter.name, value: parameter.value))
                }
                def run = s.build(job: args.verifyJob, parameters: parameters, propagate: false, wait: true)
                if (run.result != 'SUCCESS') {
                    s.error(args.verifyJob + ' #' + run.number + ' finished ' + run.result)
                }
                attempt.message = args.verifyJob + ' #' + run.number + ' SUCCESS'
            }
        }

        // The timeout step marks its own expiry as no actual interruption of the build; an abort is one.
        def timedOut = { InterruptedException e ->
            return e.metaClass.respondsTo(e, 'isActualInterruption') && !e.isActualInterruption()
        }

        // As release-train run does: under the environment's lock, after the end of a run that succeeded, attempt
        // after attempt until one passes, then one release-verified record. A closure that throws, a job that does
        // not succeed and an attempt that times out fail that attempt; aborting the build stops verifying, is
        // recorded as a failed verification and aborts the build.
        def verifyRelease = { Map verification ->
            def allowed = args.verifyAttempts == null ? 1 : args.verifyAttempts
            def startedAt = System.currentTimeMillis()
            def attempts = 0
            def passed = false
            def stopped = null
            def last = [:]
            while (!passed && stopped == null && attempts < allowed) {
                attempts++
                def attempt = [:]
                try {
                    if (args.verifyTimeout != null) {
                        s.timeout(time: args.verifyTimeout, unit: 'MINUTES') {
                            verifyOnce(verification, attempt)
                        }
                    } else {
                        verifyOnce(verification, attempt)
                    }
                    passed = true
                } catch (InterruptedException e) {
                    if (timedOut(e)) {
                        attempt.message = 'timed out after ' + args.verifyTimeout +
                                (args.verifyTimeout == 1 ? ' minute' : ' minutes')
                    } else {
                        stopped = e
                        attempt.message = 'stopped because the build was aborted'
                    }
                } catch (Exception e) {
                    attempt.message = e.message == null ? e.toString() : e.message
                    attempt.output = e.toString()
                } catch (AssertionError e) {
                    attempt.message = e.message == null ? e.toString() : e.message
                    attempt.output = e.toString()
                }
                last = attempt
                if (!passed && stopped == null) {
                    s.echo('Verification of ' + verification.environment + ', attempt ' + attempts + ' of ' + allowed +
                            ', failed: ' + last.message)
                }
            }
            def recordArgs = [event: 'verified', release: releaseId, result: passed ? 'SUCCESS' : 'FAILURE',
                              attempts: attempts, verifyAttempts: allowed, startedAt: startedAt]
            if (last.message != null) {
                recordArgs.message = last.message
            }
            if (last.output != null) {
                recordArgs.output = last.output
            }
            def recorded = s.recordRelease(recordArgs)
            def verified = [passed: recorded.passed, verification: recorded.verification, message: recorded.message,
                            attempts: recorded.attempts]
            if (stopped != null) {
                verified.stopped = stopped
            }
            // The controller says whether the environment's rule rolls back after this failed verification.
            if (recorded.rollback == true) {
                verified.rollback = true
            }
            return verified
        }

        def report = { Map outcome ->
            def lines = []
            def succeeded = 0
            for (int i = 0; i < outcome.results.size(); i++) {
                def record = outcome.results[i]
                if (record.result == 'SUCCESS') {
                    succeeded++
                }
                def line = '  ' + record.result + '  ' + record.branch
                if (record.job != null) {
                    line += '  ' + record.job + (record.build == null ? '' : ' #' + record.build)
                }
                if (record.result != 'SUCCESS' && record.message != null) {
                    line += '  ' + record.message
                }
                lines.add(line)
            }
            def summary = outcome.environment + ' ' + outcome.releaseId.substring(0, 12) + ': ' + succeeded + ' of ' +
                    outcome.results.size() + ' branches succeeded, ' + outcome.skipped.size() + ' artifacts skipped'
            if (outcome.verification != null) {
                summary += '; ' + outcome.verification.verification
                lines.add('  Verification: ' + outcome.verification.verification + ' (' + outcome.verification.message + ')')
            }
            if (outcome.automaticRollback != null) {
                def back = outcome.automaticRollback
                summary += back.succeeded ? '; rolled back to run ' + back.rollback.to : '; automatic rollback failed'
            }
            s.echo('Release ' + summary + (lines.isEmpty() ? '' : '\n' + lines.join('\n')))
            s.currentBuild.description = summary
        }

        def approve = {
            def round = 1
            def gate = s.releaseApproval(copy([release: releaseId, round: round], ['jobTemplate']))
            if (gate.decision == 'refused' && gate.reason == 'frozen') {
                tell('frozen', gate.message, [:])
            }
            while (gate.prompt != null) {
                def url = buildUrl()
                tell('awaiting-approval', environment + ': release ' + shortId + ' awaits approval. ' + gate.message,
                        [approvers: gate.prompt.submitter, prompt: gate.prompt.id,
                         input: url == null ? null : url + 'input/'])
                s.input(message: gate.prompt.message, id: gate.prompt.id, submitter: gate.prompt.submitter,
                        submitterParameter: 'approver', ok: 'Submit', parameters: [
                            s.choice(name: 'decision', choices: gate.prompt.actions, description: DECISION_HELP),
                            s.text(name: 'comment', description: COMMENT_HELP)])
                // The controller finds the answer to exactly this prompt, as it was issued, and judges it.
                def judged = s.recordApproval(prompt: gate.prompt.id)
                if (judged.recorded == true) {
                    tell(judged.judgement.action == 'reject' ? 'rejected' : 'approved', judged.message,
                            [actor: judged.judgement.actor, action: judged.judgement.action,
                             mayRun: String.valueOf(judged.decision.decision == 'allowed')])
                }
                round++
                gate = s.releaseApproval(copy([release: releaseId, round: round], ['jobTemplate']))
            }
            return gate
        }

        def promote = {
            def plan = s.releasePlan(copy([release: releaseId], ['against', 'jobTemplate', 'resume', 'all']))
            s.echo(plan.text)
            def started = s.recordRelease(copy([event: 'started', release: releaseId], ['against', 'jobTemplate', 'resume', 'all']))
            runId = started.runId
            tell('started', environment + ': release ' + shortId + ' started (run ' + runId + '), ' +
                    plan.branches.size() + ' branches to run', [:])
            def approval = null
            try {
                approval = approve()
            } catch (Exception e) {
                finish(true)
                throw e
            }
            if (!approval.allowed) {
                finish(true)
                s.error(approval.message)
            }
            def results = [:]
            def branches = plan.branches
            def interruption = null
            def failure = null
            if (!branches.isEmpty()) {
                def parallelBranches = [:]
                for (int i = 0; i < branches.size(); i++) {
                    def branch = branches[i]
                    parallelBranches[branch.name] = branchClosure(branch, results)
                }
                if (args.failFast == true) {
                    parallelBranches.failFast = true
                }
                try {
                    s.parallel(parallelBranches)
                } catch (InterruptedException e) {
                    interruption = e
                } catch (Exception e) {
                    failure = e
                }
            }
            def outcome = outcomeOf(plan, results)
            recordTheRest(outcome, interruption != null)
            def finished = finish(interruption != null || (failure != null && outcome.failed.isEmpty()))
            outcome.runId = finished.runId
            outcome.status = finished.status
            if (interruption != null) {
                report(outcome)
                throw interruption
            }
            if (failure != null && outcome.failed.isEmpty()) {
                throw failure
            }
            if (verifying && finished.verification != null) {
                def verified = verifyRelease(finished.verification)
                if (verified.stopped != null) {
                    def stopped = verified.stopped
                    verified.remove('stopped')
                    outcome.verification = verified
                    report(outcome)
                    throw stopped
                }
                outcome.verification = verified
                if (!verified.passed) {
                    tell('verification-failed', environment + ': verification of release ' + shortId + ' failed: ' +
                            verified.message, [attempts: String.valueOf(verified.attempts)])
                }
            }
            return outcome
        }

        // The environment's rule rolls back at once after a failed verification (onVerificationFailure: rollback),
        // still under the lock: the controller reads where it goes from the ledger, only for this build's failed
        // run, and lets it through by rule, without approval. It runs as any rollback, and is verified in turn.
        def rollBackAutomatically = {
            def back = null
            try {
                back = s.readReleaseRollback(environment: environment, automatic: true)
            } catch (InterruptedException e) {
                throw e
            } catch (Exception e) {
                s.echo('The rule rolls ' + environment + ' back after a failed verification, but it cannot be rolled' +
                        ' back: ' + (e.message == null ? e.toString() : e.message))
                return null
            }
            rollback = [environment: environment, automatic: true]
            read = back
            releaseId = back.releaseId
            shortId = releaseId.substring(0, 12)
            runId = null
            leftOutArgs.add('against')
            leftOutArgs.add('resume')
            s.echo('Verification failed: rolling ' + environment + ' back to run ' + back.rollback.to + ' (release ' +
                    shortId + ')')
            def result = null
            try {
                result = promote()
            } catch (InterruptedException e) {
                throw e
            } catch (Exception e) {
                result = [environment: environment, releaseId: releaseId, succeeded: false, runId: runId,
                          results: [], failed: [], skipped: [],
                          message: e.message == null ? e.toString() : e.message]
            }
            result.rollback = back.rollback
            return result
        }

        def outcome = null
        // The lock is per environment, and the environment is written in the manifest: read it first.
        s.lock(resource: 'release-train/' + environment) {
            if (rollback != null) {
                // Under the lock: where it goes back to, and what it rolls back, are the ledger's as it runs.
                read = s.readReleaseRollback(rollback.to == null ? [environment: rollback.environment] :
                        [environment: rollback.environment, to: rollback.to])
                releaseId = read.releaseId
                shortId = releaseId.substring(0, 12)
            }
            outcome = promote()
            if (rollback != null) {
                outcome.rollback = read.rollback
            } else if (outcome.verification != null && outcome.verification.rollback == true) {
                def back = rollBackAutomatically()
                if (back != null) {
                    outcome.automaticRollback = back
                }
            }
        }
        if (outcome.automaticRollback != null && !outcome.automaticRollback.results.isEmpty()) {
            report(outcome.automaticRollback)
        }
        report(outcome)
        if (!outcome.succeeded) {
            s.error('Release of ' + outcome.environment + ' failed in: ' + outcome.failed.join(', '))
        }
        if (outcome.verification != null && !outcome.verification.passed) {
            def message = 'Release of ' + outcome.environment + ' deployed, but its verification failed: ' +
                    outcome.verification.message
            def back = outcome.automaticRollback
            if (back != null) {
                if (!back.succeeded) {
                    message += '; the automatic rollback to run ' + back.rollback.to + ' failed' +
                            (back.message != null ? ': ' + back.message : ' in: ' + back.failed.join(', '))
                } else if (back.verification != null && !back.verification.passed) {
                    message += '; ' + outcome.environment + ' was rolled back to run ' + back.rollback.to +
                            ', whose verification failed too: ' + back.verification.message
                } else {
                    message += '; ' + outcome.environment + ' was rolled back to run ' + back.rollback.to +
                            ' (run ' + back.runId + ')'
                }
            }
            s.error(message)
        }
        return outcome
    }
}
