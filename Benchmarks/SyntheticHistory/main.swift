import FixtureSupport
import Foundation

// Writes a deterministic synthetic history as a `git fast-import` stream on stdout:
//   synthetic-history <commits> [tag-every] [seed] | git fast-import
let arguments = CommandLine.arguments.dropFirst().map { Int($0) }
guard let commits = arguments.first ?? nil, commits > 0, arguments.allSatisfy({ $0 != nil }) else {
    FileHandle.standardError.write(Data("usage: synthetic-history <commits> [tag-every] [seed]\n".utf8))
    exit(64)
}
let tagEvery = arguments.count > 1 ? arguments[1]! : 100
let seed = arguments.count > 2 ? UInt64(arguments[2]!) : 42
let output = SyntheticHistory(commits: commits, tagEvery: tagEvery, seed: seed).generate()
FileHandle.standardOutput.write(output.stream)
