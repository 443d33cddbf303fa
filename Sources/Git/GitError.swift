import Clibgit2

/// A failed libgit2 call: its error code, libgit2's own message, and what it was working on.
public struct GitError: Error, Equatable, CustomStringConvertible {
    public var code: Code
    /// libgit2's message from `git_error_last()`, or our own when the failure is not libgit2's.
    public var message: String
    /// The path, ref or revision involved, so the user knows where to look.
    public var subject: String?

    public init(code: Code, message: String, subject: String? = nil) {
        self.code = code
        self.message = message
        self.subject = subject
    }

    /// libgit2's `git_error_code`, typed.
    public struct Code: RawRepresentable, Hashable, Sendable {
        public var rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }

        public static let generic = Code(rawValue: GIT_ERROR.rawValue)
        public static let notFound = Code(rawValue: GIT_ENOTFOUND.rawValue)
        public static let exists = Code(rawValue: GIT_EEXISTS.rawValue)
        public static let ambiguous = Code(rawValue: GIT_EAMBIGUOUS.rawValue)
        public static let unbornBranch = Code(rawValue: GIT_EUNBORNBRANCH.rawValue)
        public static let invalidSpec = Code(rawValue: GIT_EINVALIDSPEC.rawValue)
        public static let locked = Code(rawValue: GIT_ELOCKED.rawValue)
        public static let owner = Code(rawValue: GIT_EOWNER.rawValue)
        public static let peel = Code(rawValue: GIT_EPEEL.rawValue)
        public static let iterationOver = Code(rawValue: GIT_ITEROVER.rawValue)
        /// A reference moved between reading it and updating it.
        public static let modified = Code(rawValue: GIT_EMODIFIED.rawValue)
        /// Ours, not libgit2's: history stops at a shallow clone's boundary.
        public static let shallow = Code(rawValue: -1_000)
    }

    public var description: String {
        guard let subject else { return message }
        return "\(subject): \(message)"
    }

    /// Reads libgit2's thread-local last error for a failed call.
    static func last(_ result: Int32, subject: String?) -> GitError {
        var message = "libgit2 error \(result)"
        if let error = git_error_last(), let text = error.pointee.message {
            message = String(cString: text).trimmingTrailingNewlines()
        }
        // libgit2 names the lock file but not what to do about it.
        if result == GIT_ELOCKED.rawValue || message.contains(".lock' for writing") {
            while message.hasSuffix(":") || message.hasSuffix(" ") { message.removeLast() }
            message += "; another git process may be running: wait for it, or remove the lock file if none is"
        }
        return GitError(code: Code(rawValue: result), message: message, subject: subject)
    }
}

/// Throws libgit2's error when a call returned a negative code.
@inline(__always)
func check(_ result: Int32, _ subject: @autoclosure () -> String? = nil) throws(GitError) {
    if result < 0 { throw GitError.last(result, subject: subject()) }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var text = self
        while text.last == "\n" || text.last == "\r" || text.last == "\r\n" { text.removeLast() }
        return text
    }
}
