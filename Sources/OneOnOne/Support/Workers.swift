/// How the planner may run pieces of work that do not depend on each other
/// (the members of a large team): one after another, the default, which
/// keeps the core free of threads; or side by side on workers the caller
/// provides (the store's `Workers.threads`).
public struct Workers: Sendable {
    /// How many pieces are worth running at once.
    public let width: Int
    private let run: @Sendable (_ count: Int, _ body: (Int) -> Void) -> Void

    /// Workers that run `body(0) … body(count - 1)` and return once all
    /// are done; `body` only reads what it shares and writes its own slot.
    public init(width: Int, run: @escaping @Sendable (_ count: Int, _ body: (Int) -> Void) -> Void) {
        self.width = max(1, width)
        self.run = run
    }

    /// One piece after another, on the calling thread.
    public static let inline = Workers(width: 1) { count, body in
        for k in 0..<count { body(k) }
    }

    /// `work(0) … work(count - 1)`, in order.
    func map<Output>(_ count: Int, _ work: (Int) -> Output) -> [Output] {
        var results = [Output?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { slots in
            run(count) { k in slots[k] = work(k) }
        }
        return results.map { $0! }
    }
}
