/// A commit's SHA-1 id, held by value: 20 bytes compared and hashed as three words.
///
/// Core cannot see libgit2's `ObjectID`; ChangelogKit converts between the two word for word,
/// so an id read from the repository is never formatted as text and parsed back.
public struct CommitID: Hashable, Sendable, CustomStringConvertible {
    /// The bytes in object order: `first` holds bytes 0-7, `second` 8-15, `last` 16-19, each as
    /// loaded from memory on this machine (the layout `ObjectID` uses).
    public let first: UInt64, second: UInt64, last: UInt32

    public init(first: UInt64, second: UInt64, last: UInt32) {
        self.first = first
        self.second = second
        self.last = last
    }

    /// Parses 40 hex digits, either case; nil for anything else.
    public init?(hex: some StringProtocol) {
        let digits = Array(hex.utf8)
        guard digits.count == 40 else { return nil }
        var bytes = [UInt8](repeating: 0, count: 20)
        for index in 0..<20 {
            guard let high = Self.value(of: digits[2 * index]), let low = Self.value(of: digits[2 * index + 1]) else { return nil }
            bytes[index] = high << 4 | low
        }
        (first, second, last) = bytes.withUnsafeBytes { raw in
            (
                raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self),
                raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
                raw.loadUnaligned(fromByteOffset: 16, as: UInt32.self)
            )
        }
    }

    /// 40 lower-case hex digits, as git prints them.
    public var hex: String {
        var words = (first, second, last)
        return withUnsafeBytes(of: &words) { raw in
            // The tuple's layout puts `last` right after the two words, at offset 16.
            String(unsafeUninitializedCapacity: 40) { buffer in
                for index in 0..<20 {
                    let byte = raw[index]
                    buffer[2 * index] = Self.digits[Int(byte >> 4)]
                    buffer[2 * index + 1] = Self.digits[Int(byte & 0x0F)]
                }
                return 40
            }
        }
    }

    /// The first eight hex digits, as the Markdown and JSON outputs show them.
    public var short: String { String(hex.prefix(8)) }

    public var description: String { hex }

    /// Whether the id's hex spelling starts with `prefix` (an abbreviated id, either case).
    public func hasPrefix(_ prefix: String) -> Bool {
        hex.hasPrefix(prefix.lowercased())
    }

    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    private static func value(of digit: UInt8) -> UInt8? {
        switch digit {
        case 0x30...0x39: digit - 0x30
        case 0x61...0x66: digit - 0x61 + 10
        case 0x41...0x46: digit - 0x41 + 10
        default: nil
        }
    }
}
