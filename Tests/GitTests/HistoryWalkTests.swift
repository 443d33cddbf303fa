import FixtureSupport
import Foundation
import Git
import Testing

/// Ranges are walked by reachability, in git log's order, exactly as `git rev-list` lists them.
@Suite struct HistoryWalkTests {
    let sandbox: Sandbox
    var repo: String { sandbox.root + "/repo" }

    init() throws {
        sandbox = try Sandbox()
        _ = try sandbox.build(history: "widget")
    }

    @Test(arguments: [
        "v0.1.0..v0.2.0", "v0.2.0..v1.0.0", "v1.0.0..HEAD", "feature/export..HEAD", "v1.0.0..feature/export", "HEAD", "v0.2.0",
    ])
    func rangesMatchGitRevList(_ range: String) throws {
        let repository = try Repository(discoveringFrom: repo)
        let parts = range.components(separatedBy: "..")
        let include = try repository.resolveCommit(parts.last!)
        let exclude = try parts.count == 2 ? [repository.resolveCommit(parts[0])] : []
        let walked = try repository.walk(including: [include], excluding: exclude).map(\.id.hex)
        let expected = try sandbox.git("rev-list", range).split(separator: "\n").map(String.init)
        #expect(walked == expected)
    }

    @Test func aBoundaryHidesACommitAndItsAncestors() throws {
        let repository = try Repository(discoveringFrom: repo)
        let tagged = try repository.resolveCommit("v0.2.0")
        var asked = 0
        let walked = try repository.walk(including: [repository.resolveCommit("HEAD")]) { id in
            asked += 1
            return id == tagged
        }
        let expected = try sandbox.git("rev-list", "HEAD", "^v0.2.0").split(separator: "\n").map(String.init)
        #expect(walked.map(\.id.hex) == expected)
        #expect(asked <= expected.count + 6, "the walk stops near the boundary")
    }

    @Test func aShallowCloneWalksInsideItsHistoryAndRefusesToCrossItsBoundary() throws {
        _ = try sandbox.git("clone", "-q", "--depth", "3", "file://" + repo, sandbox.root + "/shallow", in: sandbox.root)
        let repository = try Repository(discoveringFrom: sandbox.root + "/shallow")
        #expect(repository.isShallow)
        #expect(repository.shallowRoots().count == 1)
        let head = try repository.resolveCommit("HEAD")
        let inside = try repository.walk(including: [head], excluding: [repository.resolveCommit("HEAD~2")])
        #expect(inside.count == 2)
        #expect { _ = try repository.walk(including: [head]) } throws: { error in
            (error as? GitError)?.kind == .shallowBoundary(.range)
        }
        #expect { _ = try CommitGraph(repository: repository, head: head) } throws: {
            ($0 as? GitError)?.kind == .shallowBoundary(.wholeHistory)
        }
    }

    @Test func theCommitGraphReadsEveryCommitOnceInLogOrder() throws {
        let repository = try Repository(discoveringFrom: repo)
        let graph = try CommitGraph(repository: repository, head: repository.resolveCommit("HEAD"))
        let expected = try sandbox.git("rev-list", "HEAD").split(separator: "\n").map(String.init)
        #expect(graph.order.map { graph.commits[Int($0)].id.hex } == expected)
        let topological = graph.parentsFirstOrder()
        var position: [Int32: Int] = [:]
        for (offset, node) in topological.enumerated() { position[node] = offset }
        for node in 0..<Int32(graph.count) {
            for parent in graph.parents(of: node) { #expect(position[parent]! < position[node]!) }
        }
    }
}
