/// `[branches]` in `.changelog.toml`: which branches are maintenance lines, and how main's changelog
/// treats changes that a maintenance release shipped first.
///
///     [branches]
///     patch-only = ["*-stable", "release/*", "release-*.*", "*.x", "maintenance/*"]
///     backports = "omit"    # or "mark", "keep"
public struct BranchSettings: Sendable, Equatable {
    /// What main's release does with a change that an earlier maintenance release already shipped.
    public enum BackportMode: String, Sendable, CaseIterable {
        /// Listed only under the maintenance release that shipped it.
        case omit
        /// Listed in both, with `(also in 1.3.1)`.
        case mark
        /// Listed in both, unmarked.
        case keep
    }

    /// Glob patterns (`*` any run of characters, `?` one) of maintenance branches: those whose name
    /// carries a version line (`release/0.24`) release on that line, the others patches only.
    public var patchOnly = ["*-stable", "release/*", "release-*.*", "*.x", "maintenance/*"]
    public var backports = BackportMode.omit

    public init() {}

    /// True when `branch` (a short name such as `1-3-stable`) is a maintenance branch.
    public func isPatchOnly(_ branch: String?) -> Bool {
        guard let branch else { return false }
        return patchOnly.contains { Self.glob($0, matches: branch) }
    }

    /// The version line of a maintenance branch whose name carries one (`release/0.24`, `1-3-stable`);
    /// nil for other branches, so `patch-only = []` turns lines off too.
    public func line(of branch: String?) -> VersionLine? {
        guard let branch, isPatchOnly(branch) else { return nil }
        return VersionLine(branch: branch)
    }

    /// fnmatch without flags: `*` crosses `/`, so `*-stable` also matches `team/1-3-stable`.
    static func glob(_ pattern: String, matches text: String) -> Bool {
        let p = Array(pattern.unicodeScalars), t = Array(text.unicodeScalars)
        var pi = 0, ti = 0
        var star: Int?, resume = 0
        while ti < t.count {
            if pi < p.count && (p[pi] == "?" || p[pi] == t[ti]) {
                pi += 1
                ti += 1
            } else if pi < p.count && p[pi] == "*" {
                star = pi
                resume = ti
                pi += 1
            } else if let star {
                pi = star + 1
                resume += 1
                ti = resume
            } else {
                return false
            }
        }
        while pi < p.count && p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}

extension BranchSettings {
    static let keys: Set<String> = ["patch-only", "backports"]

    /// Reads the keys of `[branches]`; the caller reports unknown keys with `finish()`.
    static func read(_ table: inout TOMLTableReader) throws(ConfigurationError) -> BranchSettings {
        var settings = BranchSettings()
        if let patterns = try table.stringArray("patch-only") {
            settings.patchOnly = patterns
        }
        if let mode = try table.choice("backports", BackportMode.allCases.map { ($0.rawValue, $0) }) {
            settings.backports = mode
        }
        return settings
    }
}
