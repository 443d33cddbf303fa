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

    /// Parses `1.2.3`, `1.2.3-rc.1`, `1.2.3+build.5`; no `v` prefix (see `init(tag:)`).
    /// Returns nil for anything the specification does not allow: leading zeros, empty identifiers,
    /// missing components, characters outside `[0-9A-Za-z-]`.
    public init?(_ text: some StringProtocol) {
        var rest = Substring(text)
        var build: [String] = []
        if let plus = rest.firstIndex(of: "+") {
            let identifiers = rest[rest.index(after: plus)...].split(separator: ".", omittingEmptySubsequences: false)
            guard !identifiers.isEmpty, identifiers.allSatisfy({ Self.isIdentifier($0) }) else { return nil }
            build = identifiers.map(String.init)
            rest = rest[..<plus]
        }
        var prerelease: [String] = []
        if let dash = rest.firstIndex(of: "-") {
            let identifiers = rest[rest.index(after: dash)...].split(separator: ".", omittingEmptySubsequences: false)
            guard !identifiers.isEmpty else { return nil }
            for identifier in identifiers {
                guard Self.isIdentifier(identifier) else { return nil }
                if identifier.allSatisfy(\.isASCIIDigit), identifier.count > 1, identifier.first == "0" { return nil }
            }
            prerelease = identifiers.map(String.init)
            rest = rest[..<dash]
        }
        let core = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard core.count == 3 else { return nil }
        var numbers: [Int] = []
        for part in core {
            guard !part.isEmpty, part.allSatisfy(\.isASCIIDigit), part.count == 1 || part.first != "0",
                  let value = Int(part) else { return nil }
            numbers.append(value)
        }
        self.init(major: numbers[0], minor: numbers[1], patch: numbers[2], prerelease: prerelease, build: build)
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
        !identifier.isEmpty && identifier.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    private static func isIdentifier(_ text: Substring) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
