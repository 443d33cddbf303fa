import Dispatch

/// Maps `items` on every core and hands the results to `consume` in the items' order, a batch at a
/// time, so at most one batch of results is held in memory.
///
/// Rendering a whole history's releases is independent work per release; the machine's other cores
/// would otherwise idle while one thread parses and renders 200,000 commits.
func orderedParallelMap<Item: Sendable, Result>(
    _ items: [Item], batchSize: Int = 32, _ transform: @escaping @Sendable (Item, Int) -> Result,
    consume: (Result) throws(ChangelogError) -> Void
) throws(ChangelogError) {
    var start = 0
    while start < items.count {
        let end = min(start + batchSize, items.count)
        let results = UnsafeMutableBufferPointer<Result?>.allocate(capacity: end - start)
        results.initialize(repeating: nil)
        defer {
            results.deinitialize()
            results.deallocate()
        }
        // Each iteration writes only its own slot; concurrentPerform returns after all of them.
        nonisolated(unsafe) let slots = results
        let offset = start
        DispatchQueue.concurrentPerform(iterations: end - start) { index in
            slots[index] = transform(items[offset + index], offset + index)
        }
        for index in 0..<(end - start) {
            try consume(results[index]!)
        }
        start = end
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
