/// A binary max-heap on (commit time, -discovery order): git log's date order with stable ties.
struct DateQueue {
    /// Nodes are numbered in discovery order, so the node breaks ties in time stably.
    private var items: [(time: Int64, node: Int)] = []

    private static func before(_ a: (time: Int64, node: Int), _ b: (time: Int64, node: Int)) -> Bool {
        a.time != b.time ? a.time > b.time : a.node < b.node
    }

    var isEmpty: Bool { items.isEmpty }

    mutating func push(time: Int64, node: Int) {
        items.append((time, node))
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.before(items[child], items[parent]) else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> Int? {
        guard !items.isEmpty else { return nil }
        let top = items[0].node
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var best = parent
                if left < items.count, Self.before(items[left], items[best]) { best = left }
                if right < items.count, Self.before(items[right], items[best]) { best = right }
                if best == parent { break }
                items.swapAt(parent, best)
                parent = best
            }
        }
        return top
    }
}
