import Platform
import SystemPackage
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite struct ProcessTests {
    @Test func pipeEndsAreAboveTheStandardStreamsAndCloseOnExec() throws {
        let ends = try Pipes.make()
        defer {
            ends.read.closeQuietly()
            ends.write.closeQuietly()
        }
        for end in [ends.read, ends.write] {
            #expect(end.rawValue > 2)
            #expect(fcntl(end.rawValue, F_GETFD) & FD_CLOEXEC != 0)
        }
        try ends.write.writeEverything([1, 2, 3])
        var buffer = [UInt8](repeating: 0, count: 8)
        #expect(try ends.read.read(into: &buffer) == 3)
    }

    @Test func spawnsWaitsAndReportsHowTheChildEnded() throws {
        let output = try Pipes.make()
        defer { output.read.closeQuietly() }
        let child = try Spawn.start(
            "/bin/sh", arguments: ["-c", "echo \"$ONLY\"; exit 3"], environment: ["ONLY": "this"],
            stdin: nil, stdout: output.write, stderr: output.write, closing: [output.read, output.write])
        output.write.closeQuietly()
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = try output.read.read(into: &buffer)
        #expect(Array(buffer[0..<count]) == Array("this\n".utf8))
        #expect(try Spawn.wait(for: child, blocking: true) == .exited(3))

        let sink = try Pipes.make()
        defer {
            sink.read.closeQuietly()
            sink.write.closeQuietly()
        }
        let killed = try Spawn.start(
            "/bin/sh", arguments: ["-c", "kill -TERM $$"], environment: nil,
            stdin: nil, stdout: sink.write, stderr: sink.write, closing: [sink.read, sink.write])
        #expect(try Spawn.wait(for: killed, blocking: true) == .signaled(SIGTERM))
        #expect(throws: Errno.noSuchFileOrDirectory) {
            _ = try Spawn.start(
                "no-such-program-in-path", arguments: [], environment: nil,
                stdin: nil, stdout: sink.write, stderr: sink.write, closing: [])
        }
    }

    @Test func pollReportsReadableAndHungUpEnds() throws {
        let ends = try Pipes.make()
        defer { ends.read.closeQuietly() }
        // A deadline already past waits for nothing.
        #expect(try Poll.wait([(ends.read, .readable)], until: 0).isEmpty)
        try ends.write.writeEverything([7])
        let readable = try Poll.wait([(ends.read, .readable)], until: .infinity)
        #expect(readable.count == 1 && readable[0].ready)

        let other = try Pipes.make()
        defer { other.write.closeQuietly() }
        other.read.closeQuietly()
        let hungUp = try Poll.wait([(other.write, .writable)], until: .infinity)
        #expect(hungUp.count == 1)
        ends.write.closeQuietly()
    }

    @Test func aWriteToAPipeNobodyReadsFailsInsteadOfKillingTheProcess() throws {
        let ends = try Pipes.make()
        defer { ends.write.closeQuietly() }
        ends.read.closeQuietly()
        #expect(throws: Errno.brokenPipe) {
            try SignalHold.withPipeSignalBlocked { () throws(Errno) in try ends.write.writeEverything([1]) }
        }
    }

    // SIGUSR1, not one of the release's signals: the release's in-process tests run beside this.
    @Test func aHeldSignalArrivesAfterTheHold() {
        SignalRecorder.install([.user1])
        SignalHold.run([.user1]) {
            Signal.user1.raise()
            #expect(SignalRecorder.last != .user1)
        }
        #expect(SignalRecorder.last == .user1)
    }

    @Test func knowsItsOwnExecutableAndEnvironment() throws {
        let path = try #require(CurrentProcess.executablePath())
        #expect(path.hasPrefix("/"))
        #expect(FileSystem.exists(path))
        #expect(CurrentProcess.environmentValue("PATH") != nil)
        #expect(CurrentProcess.environmentValue("NO_SUCH_VARIABLE_FOR_PLATFORM_TESTS") == nil)
        #expect(Signal.terminate.description == String(cString: strsignal(SIGTERM)))
    }
}
