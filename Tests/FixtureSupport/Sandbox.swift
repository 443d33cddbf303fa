import Foundation
import Git

/// A temporary directory for one test, with a clean environment for the processes it runs.
public final class Sandbox {
    public let root: String

    public init(_ name: String = #function) throws {
        let base = FileManager.default.temporaryDirectory.path
        let safe = name.filter { $0.isLetter || $0.isNumber }
        root = "\(base)/changelog-tests-\(safe)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: root + "/home", withIntermediateDirectories: true)
        _ = Sandbox.isolateLibgit2
    }

    /// libgit2 in the test process must not read the machine's ~/.gitconfig either. The setting is
    /// process-wide and not thread-safe, so it is made once, before any test opens a repository.
    private static let isolateLibgit2: Void = {
        let empty = FileManager.default.temporaryDirectory.path + "/changelog-tests-empty-config"
        try? FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        GitSettings.setConfigSearchPath(empty)
    }()

    deinit {
        try? FileManager.default.removeItem(atPath: root)
    }

    /// The repository root folder of the package, found from this source file.
    public static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// Reads `Fixtures/<relative>`.
    public static func fixture(_ relative: String) throws -> String {
        try String(contentsOfFile: packageRoot + "/Fixtures/" + relative, encoding: .utf8)
    }

    /// The golden output `Fixtures/<relative>`, to compare `actual` with. Run the tests with
    /// `CHANGELOG_UPDATE_GOLDENS=1` to rewrite the goldens from what the tool prints now, then
    /// review the diff before committing it.
    public static func golden(_ relative: String, actual: String) throws -> String {
        if ProcessInfo.processInfo.environment["CHANGELOG_UPDATE_GOLDENS"] == "1" {
            try actual.write(toFile: packageRoot + "/Fixtures/" + relative, atomically: true, encoding: .utf8)
        }
        return try fixture(relative)
    }

    /// Builds `Fixtures/<name>.history` (or the given text) into `<root>/<directory>`.
    public func build(history name: String, into directory: String = "repo") throws -> BuiltFixture {
        let history = try FixtureHistory(parsing: Sandbox.fixture(name + ".history"))
        return try history.build(at: root + "/" + directory)
    }

    public func build(text: String, into directory: String = "repo") throws -> BuiltFixture {
        try FixtureHistory(parsing: text).build(at: root + "/" + directory)
    }

    /// The environment every child process gets: no user or system git configuration, UTC, C locale,
    /// a fixed "today" for release dates.
    public var environment: [String: String] {
        var env: [String: String] = [:]
        env["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        env["HOME"] = root + "/home"
        env["XDG_CONFIG_HOME"] = root + "/home/.config"
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        env["GIT_CONFIG_GLOBAL"] = "/dev/null"
        env["TZ"] = "UTC"
        env["LC_ALL"] = "C"
        env["SOURCE_DATE_EPOCH"] = "1795219200"  // 2026-11-21T00:00:00Z
        env["NO_COLOR"] = "1"
        // git would start `git maintenance run --auto` after commits the tests make; libgit2 does
        // not read these variables, so the tool under test sees no configuration either way.
        env["GIT_CONFIG_COUNT"] = "2"
        env["GIT_CONFIG_KEY_0"] = "maintenance.auto"
        env["GIT_CONFIG_VALUE_0"] = "false"
        env["GIT_CONFIG_KEY_1"] = "gc.auto"
        env["GIT_CONFIG_VALUE_1"] = "0"
        // git needs an identity for what tests make with it; a fixed one keeps ids stable.
        for role in ["AUTHOR", "COMMITTER"] {
            env["GIT_\(role)_NAME"] = "Test Runner"
            env["GIT_\(role)_EMAIL"] = "runner@example.com"
            env["GIT_\(role)_DATE"] = "2026-11-20T12:00:00Z"
        }
        return env
    }

    public struct Result {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        public var stdoutBytes: Data
    }

    /// Runs an executable and waits, feeding `input` on stdin.
    public func run(
        _ executable: String, _ arguments: [String], in directory: String? = nil,
        environment extra: [String: String] = [:], input: String? = nil
    ) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory ?? root)
        process.environment = environment.merging(extra) { $1 }
        let out = Pipe(), err = Pipe(), inp = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inp
        try process.run()
        if let input { inp.fileHandleForWriting.write(Data(input.utf8)) }
        try inp.fileHandleForWriting.close()
        let (outData, errData) = Self.readToEnd(out, err)
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self),
            stdoutBytes: outData)
    }

    /// The built `changelog` executable, next to the test bundle.
    public static let changelogBinary: String = {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = bundle.deletingLastPathComponent()
        while !FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent("changelog").path),
            directory.path != "/"
        {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("changelog").path
    }()

    /// Runs the `changelog` under test in `directory` (default: the sandbox's `repo`).
    public func changelog(_ arguments: String..., in directory: String? = nil, input: String? = nil) throws -> Result {
        try changelog(arguments, in: directory, input: input)
    }

    public func changelog(_ arguments: [String], in directory: String? = nil, input: String? = nil) throws -> Result {
        try run(Sandbox.changelogBinary, arguments, in: directory ?? root + "/repo", input: input)
    }

    /// The `git` found on PATH, looked up once: the tests run git thousands of times, and going
    /// through `/usr/bin/env` costs each run a second exec and a search of PATH.
    public static let gitExecutable: String = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = String(directory) + "/git"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return "/usr/bin/git"
    }()

    /// Runs the `git` command line: the independent oracle the tests check the tool against.
    public func git(_ arguments: String..., in directory: String? = nil) throws -> String {
        try git(arguments, in: directory)
    }

    public func git(_ arguments: [String], in directory: String? = nil) throws -> String {
        let result = try run(Sandbox.gitExecutable, arguments, in: directory ?? root + "/repo")
        guard result.status == 0 else {
            throw GitCommandError(arguments: arguments, status: result.status, stderr: result.stderr)
        }
        return result.stdout
    }

    public struct GitCommandError: Error, CustomStringConvertible {
        public var arguments: [String]
        public var status: Int32
        public var stderr: String
        public var description: String { "git \(arguments.joined(separator: " ")) exited \(status): \(stderr)" }
    }

    public func write(_ relative: String, _ text: String) throws {
        let path = root + "/" + relative
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    public func read(_ relative: String) throws -> String {
        try String(contentsOfFile: root + "/" + relative, encoding: .utf8)
    }
}

/// Carries the stderr bytes out of the reading thread; the DispatchGroup orders the accesses.
private final class DataBox: @unchecked Sendable {
    var data = Data()
}

extension Sandbox {
    /// Reads a child's stdout (when it goes to a pipe) and stderr to their ends, concurrently, so a
    /// chatty child never blocks on a full pipe.
    static func readToEnd(_ out: Pipe?, _ err: Pipe) -> (Data, Data) {
        let errBox = DataBox()
        let group = DispatchGroup()
        group.enter()
        let errHandle = err.fileHandleForReading
        DispatchQueue.global().async {
            errBox.data = errHandle.readDataToEndOfFile()
            group.leave()
        }
        let outData = out?.fileHandleForReading.readDataToEndOfFile() ?? Data()
        group.wait()
        return (outData, errBox.data)
    }
}
