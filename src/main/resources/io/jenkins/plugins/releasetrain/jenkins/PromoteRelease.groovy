package io.jenkins.plugins.releasetrain.jenkins

/**
 * The body of the {@code promoteRelease} global variable. It only sequences steps: the plan, the branches,
 * their jobs and parameters all come from the {@code releasePlan} step, so that the same decisions are
 * tested in Java and shown by the CLI.
 *
 * Written for both the Pipeline CPS interpreter (Groovy 2.4) and plain Groovy (the engine build drives it
 * with recording fakes): index loops over lists, no lambdas, and the parallel closures are built in
 * {@link #branchClosure} so that each captures its own branch rather than the loop variable.
 */
class PromoteRelease implements Serializable {

    private static final long serialVersionUID = 1L

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
        // Protected environments will be gated here, between the plan and the first branch, once the
        // approval engine lands: the gate needs the plan to show and its release id to approve.
        def results = [:]
        def branches = plan.branches
        def interruption = null
        def failure = null
        if (!branches.isEmpty()) {
            def parallelBranches = [:]
            def handlers = args.handlers == null ? [:] : args.handlers
            for (int i = 0; i < branches.size(); i++) {
                def branch = branches[i]
                parallelBranches[branch.name] = branchClosure(branch, handlers, results)
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
        if (interruption != null) {
            report(outcome)
            throw interruption
        }
        if (failure != null && outcome.failed.isEmpty()) {
            throw failure
        }
        return outcome
    }

    def planArguments(Map args) {
        def planArgs = [manifest: args.manifest]
        def optional = ['against', 'jobTemplate', 'resume', 'all']
        for (int i = 0; i < optional.size(); i++) {
            def name = optional[i]
            if (args[name] != null) {
                planArgs[name] = args[name]
            }
        }
        return planArgs
    }

    def branchClosure(Map branch, Map handlers, Map results) {
        return {
            runBranch(branch, handlers, results)
        }
    }

    def runBranch(Map branch, Map handlers, Map results) {
        def record = [branch: branch.name, kind: branch.kind, artifactIds: branch.artifactIds, result: 'RUNNING']
        results[branch.name] = record
        try {
            if (branch.kind == 'images') {
                promoteImages(branch)
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
        }
    }

    def triggerJob(Map branch, Map record) {
        def parameters = []
        for (int i = 0; i < branch.parameters.size(); i++) {
            def parameter = branch.parameters[i]
            parameters.add(script.string(name: parameter.name, value: parameter.value))
        }
        record.job = branch.job
        def run = script.build(job: branch.job, parameters: parameters, propagate: false, wait: true)
        record.build = run.number
        record.url = run.absoluteUrl
        record.result = run.result
        if (run.result != 'SUCCESS') {
            record.message = branch.job + ' #' + run.number + ' finished ' + run.result
            script.error(record.message)
        }
    }

    def promoteImages(Map branch) {
        script.error('image promotion is not available in this version of Release Train; the images of '
                + branch.product + ' were not retagged: ' + branch.artifactIds.join(', '))
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
        def known = ['manifest', 'against', 'jobTemplate', 'resume', 'all', 'failFast', 'handlers']
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
