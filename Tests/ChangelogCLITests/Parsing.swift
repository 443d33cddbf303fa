import ArgumentParser
import ChangelogCore
import Testing

@testable import ChangelogCLI

/// Parses a command line as the executable does, in-process, and expects the command type `C`.
func parse<C: ParsableCommand>(
    _ arguments: [String], as type: C.Type = C.self,
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> C {
    let command = try Changelog.parseAsRoot(arguments)
    return try #require(command as? C, "parsed as \(Swift.type(of: command))", sourceLocation: sourceLocation)
}

/// What ArgumentParser would print and return for a command line it refuses.
struct Refusal {
    /// The message after `Error: `.
    var message: String
    /// The whole text on stderr: the message, a help line for a bad value, the usage.
    var fullMessage: String
    var exitCode: Int32
}

func refusal(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) -> Refusal? {
    do {
        let command = try Changelog.parseAsRoot(arguments)
        Issue.record("\(arguments) parsed as \(type(of: command))", sourceLocation: sourceLocation)
        return nil
    } catch {
        return Refusal(
            message: Changelog.message(for: error), fullMessage: Changelog.fullMessage(for: error),
            exitCode: Changelog.exitCode(for: error).rawValue)
    }
}

/// A usage error (exit 64) whose message is exactly `message`.
func expectUsageError(_ arguments: [String], _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let refusal = refusal(arguments, sourceLocation: sourceLocation) else { return }
    #expect(refusal.message == message, sourceLocation: sourceLocation)
    #expect(refusal.exitCode == ExitStatus.usage.rawValue, sourceLocation: sourceLocation)
}
