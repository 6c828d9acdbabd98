public import OneOnOne
#if canImport(Glibc)
import Glibc
#endif

/// Runs a few pieces of work side by side on threads of their own, started
/// and joined in the call: no thread outlives it, so a daemon that reads a
/// large file this way is back to one thread, asleep, when it is done.
///
/// The work must only read what it shares (values, which Swift copies on
/// write); each piece returns what it made.
enum ParallelRun {
    /// How many pieces are worth running at once: the processors online,
    /// at most four (1 when the count is unknown).
    static let width: Int = {
        let online = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        return online > 0 ? min(Int(online), 4) : 1
    }()

    /// `work` applied to each input, the first on the calling thread and
    /// each other on a new thread; results in input order. Runs a piece on
    /// the calling thread instead when its thread cannot start.
    static func map<Input, Output>(_ inputs: [Input], _ work: @escaping (Input) -> Output) -> [Output] {
        guard inputs.count > 1 else { return inputs.map(work) }
        let jobs = inputs.dropFirst().map { input in Job { work(input) } }
        let threads = jobs.map { start($0) }
        var outputs = [work(inputs[0])]
        for (job, thread) in zip(jobs, threads) {
            if let thread {
                pthread_join(thread, nil)
            } else {
                job.execute()
            }
            outputs.append(job.output!)
        }
        return outputs
    }

    /// Starts `task` on a new thread; nil when none could start.
    private static func start(_ task: Work) -> pthread_t? {
        var thread = pthread_t()
        let context = Unmanaged.passRetained(task).toOpaque()
        let started = pthread_create(&thread, nil, { context in
            Unmanaged<Work>.fromOpaque(context!).takeRetainedValue().execute()
            return nil
        }, context)
        guard started == 0 else {
            Unmanaged<Work>.fromOpaque(context).release()
            return nil
        }
        return thread
    }

    /// Work a thread runs; joining the thread publishes what it wrote.
    private class Work: @unchecked Sendable {
        func execute() {}
    }

    /// One piece of work and, once done, what it returned.
    private final class Job<Output>: Work, @unchecked Sendable {
        let run: () -> Output
        var output: Output?

        init(_ run: @escaping () -> Output) { self.run = run }

        override func execute() { output = run() }
    }
}


extension Workers {
    /// The planner's pieces on threads of their own, started and joined in
    /// the call, as many at once as there are processors (up to four).
    public static let threads = Workers(width: ParallelRun.width) { count, body in
        withoutActuallyEscaping(body) { body in _ = ParallelRun.map(Array(0..<count), body) }
    }
}
