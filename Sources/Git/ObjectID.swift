import Clibgit2

/// A SHA-1 object id, held by value (libgit2's `git_oid`).
public struct ObjectID: Hashable, Sendable, CustomStringConvertible {
    // Two words and a half hold the 20 bytes, so hashing and comparing are a few machine instructions.
    @usableFromInline let a: UInt64, b: UInt64, c: UInt32

    init(_ oid: git_oid) {
        var copy = oid
        (a, b, c) = withUnsafeBytes(of: &copy.id) { raw in
            (
                raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self),
                raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
                raw.loadUnaligned(fromByteOffset: 16, as: UInt32.self)
            )
        }
    }

    /// The 20 bytes as three words, for a copy of the id in a module that cannot see libgit2.
    public var words: (UInt64, UInt64, UInt32) { (a, b, c) }

    public init(words: (UInt64, UInt64, UInt32)) {
        (a, b, c) = words
    }

    init(_ pointer: UnsafePointer<git_oid>) {
        self.init(pointer.pointee)
    }

    /// Parses 40 hex digits (`git_oid_fromstr`); nil for anything else.
    public init?(hex: String) {
        guard hex.utf8.count == 40, hex.utf8.allSatisfy({ $0.isHexDigit }) else { return nil }
        var oid = git_oid()
        guard git_oid_fromstrn(&oid, hex, 40) == 0 else { return nil }
        self.init(oid)
    }

    var oid: git_oid {
        var oid = git_oid()
        withUnsafeMutableBytes(of: &oid.id) { raw in
            raw.storeBytes(of: a, toByteOffset: 0, as: UInt64.self)
            raw.storeBytes(of: b, toByteOffset: 8, as: UInt64.self)
            raw.storeBytes(of: c, toByteOffset: 16, as: UInt32.self)
        }
        return oid
    }

    /// 40 lower-case hex digits.
    public var hex: String {
        var oid = self.oid
        return String(unsafeUninitializedCapacity: 40) { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                _ = git_oid_fmt(chars.baseAddress, &oid)
            }
            return 40
        }
    }

    public var description: String { hex }
}

extension UInt8 {
    var isHexDigit: Bool {
        (0x30...0x39).contains(self) || (0x61...0x66).contains(self) || (0x41...0x46).contains(self)
    }
}
