package io.jenkins.plugins.releasetrain.jenkins

/**
 * The body of the {@code promoteRelease} global variable. It only sequences steps: the plan, the branches,
 * their jobs and parameters come from {@code releasePlan}, the approval decision and the prompt from
 * {@code releaseApproval}, the judgement of each answer from {@code recordApproval}, and the ledger records
 * from {@code recordRelease}, so that every decision is made and tested in Java.
 *
 * Written for both the Pipeline CPS interpreter (Groovy 2.4) and plain Groovy (the engine build drives it
 * with recording fakes): index loops over lists, no lambdas, and the parallel closures are built in
 * {@link #branchClosure} so that each captures its own branch rather than the loop variable.
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
        checkArguments(args)
        // The lock is per environment, and the environment is written in the manifest: read it first.
        def release = script.readReleaseManifest(file: args.manifest)
        def outcome = null
        script.lock(resource: 'release-train/' + release.environment.name) {
            outcome = promote(args)
        }
        report(outcome)
        if (!outcome.succeeded) {
            script.error('Release of ' + outcome.environment + ' failed in: ' + outcome.failed.join(', '))
        }
        return outcome
    }

    def promote(Map args) {
        def plan = script.releasePlan(planArguments(args))
        script.echo(plan.text)
        script.recordRelease(startArguments(args))
        def approval = null
        try {
            approval = approve(args)
        } catch (Exception e) {
            finish(args, true)
            throw e
        }
        if (!approval.allowed) {
            finish(args, true)
            script.error(approval.message)
        }
        def results = [:]
        def branches = plan.branches
        def interruption = null
        def failure = null
        if (!branches.isEmpty()) {
            def parallelBranches = [:]
            def handlers = args.handlers == null ? [:] : args.handlers
            for (int i = 0; i < branches.size(); i++) {
                def branch = branches[i]
                parallelBranches[branch.name] = branchClosure(args, branch, handlers, results)
            }
            if (args.failFast == true) {
                parallelBranches.failFast = true
            }
            try {
                script.parallel(parallelBranches)
            } catch (InterruptedException e) {
                interruption = e
            } catch (Exception e) {
                failure = e
            }
        }
        def outcome = outcomeOf(plan, results)
        for (int i = 0; i < outcome.results.size(); i++) {
            if (outcome.results[i].result == 'NOT_BUILT') {
                recordBranch(args, outcome.results[i], System.currentTimeMillis())
            }
        }
        def finished = finish(args, interruption != null || (failure != null && outcome.failed.isEmpty()))
        outcome.runId = finished.runId
        outcome.status = finished.status
        if (interruption != null) {
            report(outcome)
            throw interruption
        }
        if (failure != null && outcome.failed.isEmpty()) {
            throw failure
        }
        return outcome
    }

    def approve(Map args) {
        def round = 1
        def gate = script.releaseApproval(approvalArguments(args, round))
        while (gate.prompt != null) {
            script.input(message: gate.prompt.message, id: gate.prompt.id, submitter: gate.prompt.submitter,
                    submitterParameter: 'approver', ok: 'Submit', parameters: [
                        script.choice(name: 'decision', choices: gate.prompt.actions, description: DECISION_HELP),
                        script.text(name: 'comment', description: COMMENT_HELP)])
            // Right after the input: recordApproval reads who answered, and what, from the input's own record.
            script.recordApproval(manifest: args.manifest)
            round++
            gate = script.releaseApproval(approvalArguments(args, round))
        }
        return gate
    }

    def finish(Map args, boolean cancelled) {
        return script.recordRelease(event: 'finished', manifest: args.manifest, cancelled: cancelled)
    }

    def planArguments(Map args) {
        return copy(args, [manifest: args.manifest], ['against', 'jobTemplate', 'resume', 'all'])
    }

    def startArguments(Map args) {
        return copy(args, [event: 'started', manifest: args.manifest], ['against', 'resume', 'all'])
    }

    def approvalArguments(Map args, int round) {
        return copy(args, [manifest: args.manifest, round: round], ['jobTemplate'])
    }

    def copy(Map args, Map into, List names) {
        for (int i = 0; i < names.size(); i++) {
            def name = names[i]
            if (args[name] != null) {
                into[name] = args[name]
            }
        }
        return into
    }

    def branchClosure(Map args, Map branch, Map handlers, Map results) {
        return {
            runBranch(args, branch, handlers, results)
        }
    }

    def runBranch(Map args, Map branch, Map handlers, Map results) {
        def record = [branch: branch.name, kind: branch.kind, artifactIds: branch.artifactIds, result: 'RUNNING']
        results[branch.name] = record
        long started = System.currentTimeMillis()
        try {
            if (branch.kind == 'images') {
                promoteImages(args, branch, record)
            } else if (handlers[branch.workflowBase] != null) {
                record.handler = branch.workflowBase
                def handler = handlers[branch.workflowBase]
                handler.call(new LinkedHashMap(branch.context))
            } else {
                triggerJob(branch, record)
            }
            record.result = 'SUCCESS'
        } catch (Exception e) {
            if (record.result == 'RUNNING') {
                record.result = e instanceof InterruptedException ? 'ABORTED' : 'FAILURE'
            }
            if (record.message == null) {
                record.message = e.message == null ? e.toString() : e.message
            }
            throw e
        } finally {
            recordBranch(args, record, started)
        }
    }

    def recordBranch(Map args, Map record, long started) {
        def recordArgs = [event: 'artifact', manifest: args.manifest, artifactIds: record.artifactIds,
                          result: record.result == 'RUNNING' ? 'FAILURE' : record.result, startedAt: started]
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
        script.recordRelease(recordArgs)
    }

    def triggerJob(Map branch, Map record) {
        def parameters = []
        for (int i = 0; i < branch.parameters.size(); i++) {
            def parameter = branch.parameters[i]
            parameters.add(script.string(name: parameter.name, value: parameter.value))
        }
        record.job = branch.job
        def run = script.build(job: branch.job, parameters: parameters, propagate: false, wait: true)
        // Job and number, never run.absoluteUrl: that throws when Jenkins' root URL is not configured, and
        // would turn a deployment that succeeded into a failure. Links are made where a root URL is known.
        record.build = run.number
        record.result = run.result
        if (run.result != 'SUCCESS') {
            record.message = branch.job + ' #' + run.number + ' finished ' + run.result
            script.error(record.message)
        }
    }

    def promoteImages(Map args, Map branch, Map record) {
        def tagArgs = copy(args, [manifest: args.manifest, products: [branch.product]], ['registry', 'credentialsId'])
        def tagged = null
        // Tagging is idempotent: after a controller restart cut it short, running it again finishes the job.
        script.retry(count: 2, conditions: [script.nonresumable()]) {
            tagged = script.tagImages(tagArgs)
        }
        record.registry = tagged.registry
        record.message = tagged.summaryLine
    }

    def outcomeOf(Map plan, Map results) {
        def runs = []
        def failed = []
        def branches = plan.branches
        for (int i = 0; i < branches.size(); i++) {
            def branch = branches[i]
            def record = results[branch.name]
            if (record == null) {
                record = [branch: branch.name, kind: branch.kind, artifactIds: branch.artifactIds, result: 'NOT_BUILT']
            }
            runs.add(record)
            if (record.result != 'SUCCESS') {
                failed.add(branch.name)
            }
        }
        return [environment: plan.environment, releaseId: plan.releaseId, succeeded: failed.isEmpty(),
                results: runs, failed: failed, skipped: plan.skipped]
    }

    def report(Map outcome) {
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
        script.echo('Release ' + summary + (lines.isEmpty() ? '' : '\n' + lines.join('\n')))
        script.currentBuild.description = summary
    }

    def checkArguments(Map args) {
        if (args == null || !(args.manifest instanceof CharSequence) || args.manifest.length() == 0) {
            script.error("promoteRelease needs the manifest to promote, e.g. promoteRelease manifest: 'releases/staging-us-east-2.yaml'")
        }
        def known = ['manifest', 'against', 'jobTemplate', 'resume', 'all', 'failFast', 'handlers', 'registry',
                     'credentialsId']
        def names = new ArrayList(args.keySet())
        for (int i = 0; i < names.size(); i++) {
            if (!known.contains(names[i])) {
                script.error('promoteRelease does not know the parameter ' + names[i] + '; it takes ' + known.join(', '))
            }
        }
        if (args.handlers != null) {
            if (!(args.handlers instanceof Map)) {
                script.error("promoteRelease handlers: is a map from workflowBase to a closure, e.g. handlers: ['lambda-job': { ctx -> ... }]")
            }
            def workflowBases = new ArrayList(args.handlers.keySet())
            for (int i = 0; i < workflowBases.size(); i++) {
                if (!(args.handlers[workflowBases[i]] instanceof Closure)) {
                    script.error('promoteRelease handler for ' + workflowBases[i] + ' is not a closure')
                }
            }
        }
    }
}
