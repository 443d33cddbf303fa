import Clibgit2
import FixtureSupport
import Foundation
import Testing

@testable import Git

/// Loose objects damaged in ways libgit2 1.5 mishandles (a loop, an overflow) or reports without
/// naming the object: each is an error naming it, and intact ones read exactly as before.
@Suite struct ObjectGuardTests {
    /// A repository with one commit; returns its id and the path of its loose object.
    private func repository(_ sandbox: Sandbox) throws -> (String, ObjectID, String) {
        let path = sandbox.root + "/repo"
        _ = try sandbox.git("init", "-q", "-b", "main", path, in: sandbox.root)
        let tree = try sandbox.git("mktree", in: path).trimmingCharacters(in: .newlines)
        let hex = try sandbox.git("commit-tree", tree, "-m", "feat: guarded", in: path).trimmingCharacters(in: .newlines)
        return (path, try #require(ObjectID(hex: hex)), path + "/.git/objects/" + hex.prefix(2) + "/" + hex.dropFirst(2))
    }

    private func deflate(_ bytes: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(compressBound(UInt(bytes.count))))
        var length = UInt(output.count)
        _ = compress2(&output, &length, bytes, UInt(bytes.count), 6)
        return Array(output[..<Int(length)])
    }

    private func replace(_ file: String, with bytes: [UInt8]) throws {
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
    }

    private func expectDamaged(_ path: String, _ id: ObjectID, containing text: String, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        let repository = try Repository(discoveringFrom: path)
        do {
            _ = try repository.commit(id)
            Issue.record("a damaged object was read", sourceLocation: sourceLocation)
        } catch {
            #expect(error.kind == .damagedObject, "\(error)", sourceLocation: sourceLocation)
            #expect(error.description.contains("object \(id.hex) is damaged"), "\(error)", sourceLocation: sourceLocation)
            #expect(error.description.contains(text), "\(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func anIntactLooseObjectReadsAsBefore() throws {
        let sandbox = try Sandbox()
        let (path, id, _) = try repository(sandbox)
        let commit = try Repository(discoveringFrom: path).commit(id)
        #expect(commit.message == "feat: guarded\n")
        #expect(try Repository(discoveringFrom: path).resolveCommit(String(id.hex.prefix(10))) == id)
    }

    @Test func aHeaderDeclaringLessThanTheContent() throws {
        let sandbox = try Sandbox()
        let (path, id, file) = try repository(sandbox)
        let content = try sandbox.git("cat-file", "commit", id.hex, in: path)
        try replace(file, with: deflate(Array("commit 5\0".utf8) + Array(content.utf8)))
        try expectDamaged(path, id, containing: "holds more than the 5 bytes")
    }

    @Test func aHeaderDeclaringMoreThanTheContent() throws {
        let sandbox = try Sandbox()
        let (path, id, file) = try repository(sandbox)
        let content = Array(try sandbox.git("cat-file", "commit", id.hex, in: path).utf8)
        try replace(file, with: deflate(Array("commit \(content.count + 40)\0".utf8) + content))
        try expectDamaged(path, id, containing: "holds less than")
    }

    @Test func bytesAfterTheCompressedData() throws {
        let sandbox = try Sandbox()
        let (path, id, file) = try repository(sandbox)
        let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
        try replace(file, with: original + [1, 2, 3])
        try expectDamaged(path, id, containing: "bytes after its compressed data")
    }

    @Test(arguments: [1, 2, 5, 10, 20])
    func everyTruncation(keeping tenths: Int) throws {
        let sandbox = try Sandbox()
        let (path, id, file) = try repository(sandbox)
        let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
        try replace(file, with: Array(original.prefix(max(2, original.count * tenths / 21))))
        try expectDamaged(path, id, containing: "loose object")
    }

    @Test func anAbbreviatedIDOfATruncatedObject() throws {
        let sandbox = try Sandbox()
        let (path, id, file) = try repository(sandbox)
        let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
        try replace(file, with: Array(original.prefix(original.count / 2)))
        do {
            _ = try Repository(discoveringFrom: path).resolveCommit(String(id.hex.prefix(10)))
            Issue.record("a truncated object resolved")
        } catch {
            #expect(error.kind == .damagedObject, "\(error)")
            #expect(error.description.contains(String(id.hex.prefix(10))), "\(error)")
        }
    }
}
