import Dispatch
import Testing

@testable import ChangelogKit

/// `--all` renders releases on every core and writes them in order: the order must hold however
/// unevenly the work is spread, and a consumer that fails must stop the rest without a hang.
@Suite struct OrderedParallelMapTests {
    /// Items of very different costs finish out of order; they are consumed in order regardless.
    @Test func resultsArriveInTheItemsOrder() throws {
        let items = (0..<500).map { ($0 * 7919) % 13 }
        var seen: [Int] = []
        try orderedParallelMap(
            items, window: 8,
            { cost, index in
                var sum = 0
                for step in 0..<(cost * 2_000) { sum &+= step ^ index }
                return (index, sum)
            }
        ) { seen.append($0.0) }
        #expect(seen == Array(0..<500))
    }

    @Test(arguments: [0, 1, 2])
    func fewItemsAreMappedToo(_ count: Int) throws {
        var seen: [String] = []
        try orderedParallelMap(Array(0..<count), { item, index in "\(item):\(index)" }) { seen.append($0) }
        #expect(seen == (0..<count).map { "\($0):\($0)" })
    }

    /// At most `window` results wait for the consumer: a slow consumer holds the cores back.
    @Test func noMoreThanTheWindowIsAheadOfTheConsumer() throws {
        let claimed = Counter()
        var consumed = 0
        var mostAhead = 0
        try orderedParallelMap(Array(0..<300), window: 4, { _, _ in claimed.increment() }) { _ in
            consumed += 1
            for _ in 0..<200 { mostAhead = max(mostAhead, claimed.value - consumed) }
        }
        #expect(consumed == 300)
        #expect(mostAhead <= 4)
    }

    /// The consumer's error ends the map: it is rethrown, nothing after it is consumed, and the
    /// cores stop claiming new items.
    @Test func aFailingConsumerStopsTheRest() {
        let claimed = Counter()
        var consumed: [Int] = []
        #expect(throws: ChangelogError.self) {
            try orderedParallelMap(
                Array(0..<10_000), window: 16,
                { item, _ in
                    claimed.increment()
                    return item
                }
            ) { item throws(ChangelogError) in
                if item == 20 { throw ChangelogError("stop") }
                consumed.append(item)
            }
        }
        #expect(consumed == Array(0..<20))
        #expect(claimed.value < 100)
    }
}

/// A count several threads add to.
private final class Counter: @unchecked Sendable {
    private let lock = DispatchSemaphore(value: 1)
    private var count = 0

    var value: Int {
        lock.wait()
        defer { lock.signal() }
        return count
    }

    @discardableResult func increment() -> Int {
        lock.wait()
        defer { lock.signal() }
        count += 1
        return count
    }
}
