/// A Semantic Versioning 2.0.0 version, ordered by the specification's precedence rules.
public struct SemanticVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    public var patch: Int
    /// Dot-separated pre-release identifiers (`rc`, `1`); empty for a release.
    public var prerelease: [String]
    /// Build metadata; ignored by precedence, kept for printing.
    public var build: [String]

    public init(major: Int, minor: Int, patch: Int, prerelease: [String] = [], build: [String] = []) {
        self.major = major
        self.minor = minor
        self.patch = patch
        self.prerelease = prerelease
        self.build = build
    }

    /// Parses `1.2.3`, `1.2.3-rc.1`, `1.2.3+build.5`; no `v` prefix (see `parseTag`).
    /// Returns nil for anything the specification does not allow: leading zeros, empty identifiers,
    /// missing components, characters outside `[0-9A-Za-z-]`.
    public init?(_ text: some StringProtocol) {
        var text = String(text)
        guard let version = text.withUTF8({ Self.parse($0, from: 0) }) else { return nil }
        self = version
    }

    /// Parses the bytes from `start` on. Works on UTF-8 bytes in place, without splitting into
    /// arrays: every tag name of a repository goes through here before any command can start.
    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> SemanticVersion? {
        var index = start
        var numbers = (0, 0, 0)
        for part in 0..<3 {
            if part > 0 {
                guard index < bytes.count, bytes[index] == UInt8(ascii: ".") else { return nil }
                index += 1
            }
            let first = index
            var value = 0
            while index < bytes.count, Bytes.isDigit(bytes[index]) {
                let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times.addingReportingOverflow(Int(bytes[index] - UInt8(ascii: "0")))
                guard !overflow1, !overflow2 else { return nil }
                value = sum
                index += 1
            }
            // Digits only, at least one, no leading zero.
            guard index > first, index - first == 1 || bytes[first] != UInt8(ascii: "0") else { return nil }
            switch part {
            case 0: numbers.0 = value
            case 1: numbers.1 = value
            default: numbers.2 = value
            }
        }
        var prerelease: [String] = []
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
            index += 1
            guard let (identifiers, end) = identifiers(bytes, from: index, until: UInt8(ascii: "+"), numeric: true) else { return nil }
            prerelease = identifiers
            index = end
        }
        var build: [String] = []
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") {
            index += 1
            guard let (identifiers, end) = identifiers(bytes, from: index, until: nil, numeric: false) else { return nil }
            build = identifiers
            index = end
        }
        guard index == bytes.count else { return nil }
        return SemanticVersion(major: numbers.0, minor: numbers.1, patch: numbers.2, prerelease: prerelease, build: build)
    }

    /// Dot-separated identifiers up to `stop` (or the end): each non-empty and made of
    /// `[0-9A-Za-z-]`; with `numeric`, an all-digit identifier has no leading zero.
    private static func identifiers(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, until stop: UInt8?,
        numeric: Bool
    ) -> ([String], Int)? {
        var result: [String] = []
        var index = start
        while true {
            let first = index
            var allDigits = true
            while index < bytes.count, bytes[index] != UInt8(ascii: "."), bytes[index] != stop {
                let byte = bytes[index]
                guard Bytes.isAlnum(byte) || byte == Bytes.dash else { return nil }
                if !Bytes.isDigit(byte) { allDigits = false }
                index += 1
            }
            guard index > first else { return nil }
            if numeric, allDigits, index - first > 1, bytes[first] == UInt8(ascii: "0") { return nil }
            result.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[first..<index]), as: UTF8.self))
            guard index < bytes.count, bytes[index] == UInt8(ascii: ".") else { return (result, index) }
            index += 1
        }
    }

    private static func isIdentifier(_ bytes: ArraySlice<UInt8>) -> Bool {
        !bytes.isEmpty && bytes.allSatisfy { Bytes.isAlnum($0) || $0 == Bytes.dash }
    }

    /// Parses a tag name: the version with an optional `v` prefix. Returns the version and the prefix used.
    public static func parseTag(_ name: some StringProtocol) -> (version: SemanticVersion, prefix: String)? {
        var name = String(name)
        return name.withUTF8 { bytes -> (SemanticVersion, String)? in
            guard let first = bytes.first else { return nil }
            // One pass: a name can only be a version with its first byte a digit or a `v`.
            if Bytes.isDigit(first) { return parse(bytes, from: 0).map { ($0, "") } }
            guard first == UInt8(ascii: "v") || first == UInt8(ascii: "V") else { return nil }
            return parse(bytes, from: 1).map { ($0, first == UInt8(ascii: "v") ? "v" : "V") }
        }
    }

    public var isPrerelease: Bool { !prerelease.isEmpty }

    public var description: String {
        var text = "\(major).\(minor).\(patch)"
        if !prerelease.isEmpty { text += "-" + prerelease.joined(separator: ".") }
        if !build.isEmpty { text += "+" + build.joined(separator: ".") }
        return text
    }

    /// The version without pre-release and build parts.
    public var release: SemanticVersion { SemanticVersion(major: major, minor: minor, patch: patch) }

    public static func < (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
        if lhs.major != rhs.major { return lhs.major < rhs.major }
        if lhs.minor != rhs.minor { return lhs.minor < rhs.minor }
        if lhs.patch != rhs.patch { return lhs.patch < rhs.patch }
        // A pre-release sorts before its release.
        if lhs.prerelease.isEmpty != rhs.prerelease.isEmpty { return !lhs.prerelease.isEmpty }
        for (a, b) in zip(lhs.prerelease, rhs.prerelease) where a != b {
            // §11.4: identifiers of digits only compare numerically (by length first, so any size
            // works), and sort before alphanumeric ones, which compare in ASCII order.
            switch (Self.isNumeric(a), Self.isNumeric(b)) {
            case (true, true): return a.count != b.count ? a.count < b.count : a < b
            case (true, false): return true
            case (false, true): return false
            case (false, false): return a.utf8.lexicographicallyPrecedes(b.utf8)
            }
        }
        return lhs.prerelease.count < rhs.prerelease.count
    }

    /// Precedence equality: build metadata does not count.
    public static func == (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
        lhs.major == rhs.major && lhs.minor == rhs.minor && lhs.patch == rhs.patch && lhs.prerelease == rhs.prerelease
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(major)
        hasher.combine(minor)
        hasher.combine(patch)
        hasher.combine(prerelease)
    }

    private static func isNumeric(_ identifier: String) -> Bool {
        !identifier.isEmpty && identifier.utf8.allSatisfy(Bytes.isDigit)
    }
}
