#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A fresh directory under TMPDIR for one test, removed with everything in it afterwards.
struct TemporaryDirectory: ~Copyable {
    let path: String

    init() {
        let base = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array("\(base)/platform-tests-XXXXXX".utf8CString)
        path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
    }

    deinit {
        var command = Array("rm -rf '\(path)'".utf8CString)
        _ = command.withUnsafeMutableBufferPointer { system($0.baseAddress!) }
    }
}
