/// The minor line a branch's name carries (`release/0.24`, `release-1.3`, `1-3-stable`, `v1.3.x`,
/// `1.3.x`, `release/v2.1`): releases made there belong to that line. Its first release may jump
/// into it from an earlier one (0.23.3 -> 0.24.0); later ones are patches (0.24.z), and nothing
/// leaves it, as a release engineer cutting `release/0.24` expects.
public struct VersionLine: Sendable, Hashable, CustomStringConvertible {
    public var major: Int
    public var minor: Int

    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// The line in a branch's short name, read from its last path component; nil when the name
    /// carries none. Only two numbers make a line: `release/1.3.2` names one version, not a line,
    /// and a name such as `feature/oauth2.0` has words around its numbers.
    public init?(branch: String) {
        var name = Substring(branch.split(separator: "/", omittingEmptySubsequences: false).last ?? "")
        for prefix in ["release-", "release_", "releases-", "stable-", "maintenance-"] where name.lowercased().hasPrefix(prefix) {
            name = name.dropFirst(prefix.count)
            break
        }
        if name.first == "v" || name.first == "V" { name = name.dropFirst() }
        var separator: Character = "."
        if name.lowercased().hasSuffix("-stable") {
            // Rails' `1-3-stable` spells the line with hyphens; `1.3-stable` is read too.
            name = name.dropLast(7)
            if !name.contains(".") { separator = "-" }
        } else if name.lowercased().hasSuffix(".x") {
            name = name.dropLast(2)
        }
        let parts = name.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 2, let major = Self.number(parts[0]), let minor = Self.number(parts[1]) else { return nil }
        self.init(major: major, minor: minor)
    }

    /// Digits only, without a leading zero (`01` is not a version number).
    private static func number(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.count <= 9, text.allSatisfy(\.isASCIIDigit), text == "0" || text.first != "0" else { return nil }
        return Int(text)
    }

    /// x.y.0, the line's first release.
    public var first: SemanticVersion { SemanticVersion(major: major, minor: minor, patch: 0) }

    public var description: String { "\(major).\(minor)" }

    /// True for x.y.z and its pre-releases.
    public func contains(_ version: SemanticVersion) -> Bool {
        version.major == major && version.minor == minor
    }

    /// The largest bump a release after `current` may take without leaving the line, nil when
    /// `current` is above the line already (no release on the branch can be on it). Once the line
    /// has a release that is a patch; before, the jump that lands on x.y.0 (major from an earlier
    /// major, else minor). A pre-release of x.y.0 is not yet the line's release: x.y.0 can still
    /// take what x.y.0 takes.
    public func allowedBump(after current: SemanticVersion?) -> BumpLevel? {
        guard let current else { return .major }
        if current.release > first && !contains(current) { return nil }
        if current.release == first && current.isPrerelease { return minor == 0 ? .major : .minor }
        if contains(current) { return .patch }
        return current.major < major ? .major : .minor
    }

    /// Where a release that `proposed` (the policy's choice, capped at `allowedBump`) lands on the
    /// line: short of it, it jumps to x.y.0 (a pre-release keeps its identifier and starts at .1);
    /// on it, it stays. nil when it cannot be on the line.
    public func place(_ proposed: SemanticVersion, after current: SemanticVersion?) -> SemanticVersion? {
        if contains(proposed) { return proposed }
        guard proposed.release < first, current.map({ $0.release < first }) ?? true else { return nil }
        return proposed.isPrerelease ? VersionPolicy.start(first, line: proposed.prerelease[0]) : first
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
