import Dispatch

/// Maps `items` on every core and hands the results to `consume` in the items' order, each as soon
/// as it and those before it are done, holding at most `window` results not consumed yet.
///
/// Rendering a whole history's releases is independent work per release; the machine's other cores
/// would otherwise idle while one thread parses and renders 200,000 commits. The cores take the
/// next item whenever they finish one, so a large release never leaves the others waiting at the
/// end of a batch, and the calling thread consumes while they work.
func orderedParallelMap<Item: Sendable, Result>(
    _ items: [Item], window: Int = 64, _ transform: @escaping @Sendable (Item, Int) -> Result,
    consume: (Result) throws(ChangelogError) -> Void
) throws(ChangelogError) {
    guard items.count > 1 else {
        for (index, item) in items.enumerated() { try consume(transform(item, index)) }
        return
    }
    let work = OrderedWork<Result>(count: items.count, window: window)
    let group = DispatchGroup()
    DispatchQueue.global().async(group: group) {
        DispatchQueue.concurrentPerform(iterations: items.count) { _ in
            guard let index = work.claim() else { return }
            work.finish(index, with: transform(items[index], index))
        }
    }
    defer {
        work.cancel()
        group.wait()
    }
    for index in items.indices {
        try consume(work.take(index))
    }
}

/// The shared state of `orderedParallelMap`: who takes which item next, the results not consumed
/// yet, and how many may wait. Items are claimed in order and the window counts from the consumer,
/// so the item the consumer waits for is always claimed or free to claim: no wait is for nothing.
private final class OrderedWork<Result>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<Result?>
    private let ready: [DispatchSemaphore]
    /// Room for results not consumed yet: a core waits for it before it claims an item.
    private let room: DispatchSemaphore
    private let lock = DispatchSemaphore(value: 1)
    private var next = 0
    private var cancelled = false

    init(count: Int, window: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
        ready = (0..<count).map { _ in DispatchSemaphore(value: 0) }
        room = DispatchSemaphore(value: max(1, window))
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    /// The next item's index, or nil once the consumer has stopped.
    func claim() -> Int? {
        room.wait()
        lock.wait()
        defer { lock.signal() }
        guard !cancelled else { return nil }
        next += 1
        return next - 1
    }

    /// Each slot is written by the core that claimed it and read after its semaphore says so.
    func finish(_ index: Int, with result: Result) {
        slots[index] = result
        ready[index].signal()
    }

    func take(_ index: Int) -> Result {
        ready[index].wait()
        let result = slots[index].take()!
        room.signal()
        return result
    }

    /// Lets every core still waiting for room return without claiming anything.
    func cancel() {
        lock.wait()
        cancelled = true
        lock.signal()
        for _ in 0..<ready.count { room.signal() }
    }
}

/// `items.map(transform)` on every core, in chunks, keeping the order: for large, uniform maps
/// whose single-threaded cost sits on the critical path (200,000 commits converted after a read).
func parallelMap<Item: Sendable, Result>(_ items: [Item], chunks: Int = 64, _ transform: @escaping @Sendable (Item) -> Result) -> [Result] {
    guard items.count >= chunks * 16 else { return items.map(transform) }
    let results = UnsafeMutableBufferPointer<Result>.allocate(capacity: items.count)
    defer { results.deallocate() }
    // Each chunk initialises only its own slots; concurrentPerform returns after all of them.
    nonisolated(unsafe) let slots = results
    let size = (items.count + chunks - 1) / chunks
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
        let start = chunk * size, end = min(start + size, items.count)
        guard start < end else { return }
        for index in start..<end { (slots.baseAddress! + index).initialize(to: transform(items[index])) }
    }
    let array = Array(results)
    results.baseAddress!.deinitialize(count: items.count)
    return array
}
