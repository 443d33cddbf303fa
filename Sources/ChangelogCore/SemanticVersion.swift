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
        // Works on UTF-8 bytes: every tag name of a repository goes through here.
        let bytes = Array(text.utf8)
        let plus = bytes.firstIndex(of: UInt8(ascii: "+"))
        let beforeBuild = bytes[..<(plus ?? bytes.endIndex)]
        let dash = beforeBuild.firstIndex(of: UInt8(ascii: "-"))
        let core = beforeBuild[..<(dash ?? beforeBuild.endIndex)]

        var numbers: [Int] = []
        for part in core.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
            guard let value = Self.number(part) else { return nil }
            numbers.append(value)
        }
        guard numbers.count == 3 else { return nil }

        var prerelease: [String] = []
        if let dash {
            for identifier in beforeBuild[(dash + 1)...].split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
                guard Self.isIdentifier(identifier) else { return nil }
                if identifier.count > 1, identifier.first == UInt8(ascii: "0"), identifier.allSatisfy(Self.isDigit) { return nil }
                prerelease.append(String(decoding: identifier, as: UTF8.self))
            }
        }
        var build: [String] = []
        if let plus {
            for identifier in bytes[(plus + 1)...].split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
                guard Self.isIdentifier(identifier) else { return nil }
                build.append(String(decoding: identifier, as: UTF8.self))
            }
        }
        self.init(major: numbers[0], minor: numbers[1], patch: numbers[2], prerelease: prerelease, build: build)
    }

    /// A numeric component: digits only, no leading zero, no overflow.
    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count == 1 || digits.first != UInt8(ascii: "0") else { return nil }
        var value = 0
        for digit in digits {
            guard isDigit(digit) else { return nil }
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int(digit - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
        }
        return value
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func isIdentifier(_ bytes: ArraySlice<UInt8>) -> Bool {
        !bytes.isEmpty && bytes.allSatisfy { isDigit($0) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || $0 == UInt8(ascii: "-") }
    }

    /// Parses a tag name: the version with an optional `v` prefix. Returns the version and the prefix used.
    public static func parseTag(_ name: some StringProtocol) -> (version: SemanticVersion, prefix: String)? {
        if let version = SemanticVersion(name) { return (version, "") }
        if name.first == "v" || name.first == "V", let version = SemanticVersion(name.dropFirst()) {
            return (version, String(name.first!))
        }
        return nil
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
        !identifier.isEmpty && identifier.utf8.allSatisfy(isDigit)
    }
}
