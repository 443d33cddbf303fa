import FixtureSupport
import Foundation

// Writes a deterministic synthetic history as a `git fast-import` stream on stdout:
//   synthetic-history <commits> [tag-every] [seed] [--shape linear|maintenance] [--release-every N] | git fast-import
// The maintenance shape adds a release branch per minor release with cherry-picked fixes and its
// own tags (about 2,000 off the main line at 200,000 commits with the default --release-every 500).
let usage = "usage: synthetic-history <commits> [tag-every] [seed] [--shape linear|maintenance] [--release-every N]\n"
func fail() -> Never {
    FileHandle.standardError.write(Data(usage.utf8))
    exit(64)
}
var numbers: [Int] = []
var shape = SyntheticHistory.Shape.linear
var releaseEvery = 500
var arguments = CommandLine.arguments.dropFirst()[...]
while let argument = arguments.popFirst() {
    switch argument {
    case "--shape":
        guard let value = arguments.popFirst(), let parsed = SyntheticHistory.Shape(rawValue: value) else { fail() }
        shape = parsed
    case "--release-every":
        guard let value = arguments.popFirst().flatMap({ Int($0) }), value >= 4 else { fail() }
        releaseEvery = value
    default:
        guard let number = Int(argument), number > 0 || numbers.count == 2 else { fail() }
        numbers.append(number)
    }
}
guard let commits = numbers.first, numbers.count <= 3 else { fail() }
let tagEvery = numbers.count > 1 ? numbers[1] : 100
let seed = numbers.count > 2 ? UInt64(numbers[2]) : 42
let output = SyntheticHistory(commits: commits, tagEvery: tagEvery, seed: seed, shape: shape, releaseEvery: releaseEvery).generate()
FileHandle.standardOutput.write(output.stream)
