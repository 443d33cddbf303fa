import ChangelogCore
import Git
import Platform

/// Who a release commit and tag are by, found the way git finds it, so a release made by this tool
/// carries the same names as one made by hand.
public enum IdentityRole: String, Sendable {
    case author, committer

    var environmentPrefix: String { "GIT_\(rawValue.uppercased())" }
}

extension Repository {
    /// The identity git would use now: `GIT_<ROLE>_NAME`/`_EMAIL`/`_DATE` from the environment, else
    /// `<role>.name`/`.email` and then `user.name`/`.email` from the configuration, `EMAIL` last; the
    /// current time in the machine's offset unless `GIT_<ROLE>_DATE` says otherwise.
    /// libgit2's `git_signature_default` reads only `user.*`, which would disagree with git in CI,
    /// where identities usually come from the environment.
    public func identity(
        _ role: IdentityRole, now: Timestamp = Environment.now(),
        environment variable: (String) -> String? = Environment.value
    ) throws(ChangelogError) -> Signature {
        let prefix = role.environmentPrefix
        // git refuses an empty name or email; an empty variable is read as unset so the next source is tried.
        func environment(_ name: String) -> String? { variable(name).flatMap { $0.isEmpty ? nil : $0 } }
        func configured(_ key: String) throws(ChangelogError) -> String? {
            try git { () throws(GitError) in try configString(key) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        // Evaluated in git's order of precedence; `??` would hide the throwing lookups in closures.
        var name = environment("\(prefix)_NAME")
        if name == nil { name = try configured("\(role.rawValue).name") }
        if name == nil { name = try configured("user.name") }
        var email = environment("\(prefix)_EMAIL")
        if email == nil { email = try configured("\(role.rawValue).email") }
        if email == nil { email = try configured("user.email") }
        if email == nil { email = environment("EMAIL") }
        guard let name, let email else {
            let missing = [name == nil ? "user.name" : nil, email == nil ? "user.email" : nil].compactMap { $0 }
            throw ChangelogError(
                "no \(role.rawValue) identity: \(missing.joined(separator: " and ")) \(missing.count == 1 ? "is" : "are") not set; run `git config user.name \"Your Name\"` and `git config user.email you@example.com`"
            )
        }
        var when = now
        if let text = environment("\(prefix)_DATE") {
            guard let parsed = Timestamp(gitDate: text, defaultOffsetMinutes: now.offsetMinutes) else {
                throw ChangelogError(
                    "\(prefix)_DATE is '\(text)', which is not a date git understands; use e.g. 2026-11-20T12:00:00+01:00 or '@1795219200 +0100', or unset it"
                )
            }
            when = parsed
        }
        return Signature(name: name, email: email, time: when.secondsSince1970, offsetMinutes: when.offsetMinutes)
    }
}

extension Repository {
    /// Who a new commit (a release's, a note's) is by: git stamps author and committer with one
    /// reading of the clock, and so does this tool.
    public func identities(now: Timestamp = Environment.now()) throws(ChangelogError) -> (author: Signature, committer: Signature) {
        let committer = try identity(.committer, now: now)
        return (try identity(.author, now: now), committer)
    }
}

/// The process environment and clock, read in one place.
public enum Environment {
    public static func value(_ name: String) -> String? {
        CurrentProcess.environmentValue(name)
    }

    /// Now, in the machine's own UTC offset.
    public static func now() -> Timestamp {
        let now = SystemClock.wallTime()
        return Timestamp(secondsSince1970: now.secondsSince1970, offsetMinutes: now.offsetMinutes)
    }
}
