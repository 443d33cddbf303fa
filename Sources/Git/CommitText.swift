#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How text stored in git objects becomes a `String`: one rule for the raw commit reader and for
/// libgit2's parsed commits, so both read an old history the same way.
enum CommitText {
    /// Decodes in the encoding a commit declares (its `encoding` header, `git_commit_message_encoding`).
    /// git writes that header when `i18n.commitEncoding` is not UTF-8; Latin-1 is the common case in
    /// old histories and maps byte for byte to Unicode. Anything else is read as UTF-8, lossily.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, encoding: String?) -> String {
        guard let encoding, isLatin1(encoding) else { return String(decoding: bytes, as: UTF8.self) }
        var result = String.UnicodeScalarView()
        for byte in bytes { result.append(Unicode.Scalar(byte)) }
        return String(result)
    }

    /// `decode(_:encoding:)` for C text and a C encoding name, as libgit2 hands them out.
    static func decode(_ text: UnsafePointer<CChar>?, encoding: UnsafePointer<CChar>?) -> String {
        guard let text else { return "" }
        return withBytes(text) { decode($0, encoding: encoding.map { String(cString: $0) }) }
    }

    /// Decodes C text as UTF-8, replacing invalid sequences, never failing.
    static func decodeLossily(_ text: UnsafePointer<CChar>?) -> String {
        guard let text else { return "" }
        return withBytes(text) { String(decoding: $0, as: UTF8.self) }
    }

    private static func isLatin1(_ encoding: String) -> Bool {
        switch encoding.lowercased() {
        case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1": true
        default: false
        }
    }

    private static func withBytes(_ text: UnsafePointer<CChar>, _ body: (UnsafeBufferPointer<UInt8>) -> String) -> String {
        let length = strlen(text)
        return text.withMemoryRebound(to: UInt8.self, capacity: length) { body(UnsafeBufferPointer(start: $0, count: length)) }
    }
}
