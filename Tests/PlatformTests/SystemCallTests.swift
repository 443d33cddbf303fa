import SystemPackage
import Testing

@testable import Platform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite struct SystemCallTests {
    @Test func interruptedCallsAreRetriedAndOtherFailuresThrowTheirErrno() throws {
        var calls = 0
        let result = try SystemCall.retrying { () -> Int32 in
            calls += 1
            if calls < 3 {
                errno = EINTR
                return -1
            }
            return 7
        }
        #expect(result == 7)
        #expect(calls == 3)

        calls = 0
        #expect(throws: Errno.permissionDenied) {
            _ = try SystemCall.retrying { () -> Int32 in
                calls += 1
                errno = EACCES
                return -1
            }
        }
        #expect(calls == 1)
    }

    @Test func errnoReadsAsStrerror() {
        #expect(Errno.noSuchFileOrDirectory.description == String(cString: strerror(ENOENT)))
    }
}
