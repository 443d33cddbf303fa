import Clibgit2

/// A failed libgit2 call: its error code, libgit2's own message, what it was working on, and what
/// kind of failure that is. The facts only: ChangelogKit's `ChangelogError(_:)` says what to do.
public struct GitError: Error, Equatable, CustomStringConvertible {
    /// libgit2's return code (`.generic` when the failure is found here, not by libgit2).
    public var code: Code
    /// libgit2's message from `git_error_last()`, or what was found when the failure is not libgit2's.
    public var message: String
    /// The path, ref, revision or object involved, so the user knows where to look.
    public var subject: String?
    /// What went wrong, for the caller to word: the code alone does not tell a shallow boundary
    /// from a missing object or an unknown revision.
    public var kind: Kind

    public init(code: Code, message: String, subject: String? = nil, kind: Kind = .failed) {
        self.code = code
        self.message = message
        self.subject = subject
        self.kind = kind
    }

    public enum Kind: Equatable, Sendable {
        /// A libgit2 call failed: `message` says why.
        case failed
        /// History stops at a shallow clone's boundary before what was needed.
        case shallowBoundary(ShallowNeed)
        /// An object the repository needs is not there (`missingObject`) or cannot be read (`damagedObject`).
        case missingObject, damagedObject
        /// A lock file is held (`GIT_ELOCKED`).
        case locked
        /// HEAD names a branch with no commit yet.
        case unbornHead
        /// The revision (`subject`) names nothing, or more than one object.
        case unknownRevision, ambiguousRevision
        /// The revision (`subject`) names an object that is not a commit.
        case notACommit
        /// The reference (`subject`) was moved by someone else after it was read.
        case referenceMoved
        /// No repository at or above the path (`subject`).
        case notARepository
        /// The repository at `subject` is owned by another user and ownership is checked.
        case ownedByAnotherUser
    }

    /// What a walk needed from beyond a shallow boundary.
    public enum ShallowNeed: Equatable, Sendable {
        /// Every commit reachable from a head.
        case wholeHistory
        /// The commits of a range.
        case range
        /// The point where two branches forked.
        case forkPoint
        /// One commit, looked up by id.
        case commit
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
    }

    /// An object that is damaged (or, with `detail` nil, missing), and where it was met.
    static func damaged(_ object: String, detail: String?, context: String? = nil, code: Code? = nil) -> GitError {
        let what = context.map { "\($0): object \(object)" } ?? "object \(object)"
        guard let detail else {
            return GitError(code: code ?? .notFound, message: "\(what) is missing from the repository", kind: .missingObject)
        }
        return GitError(code: code ?? .generic, message: "\(what) is damaged (\(detail))", kind: .damagedObject)
    }

    public var description: String {
        guard let subject else { return message }
        return "\(subject): \(message)"
    }

    /// Reads libgit2's thread-local last error for a failed call.
    static func last(_ result: Int32, subject: String?) -> GitError {
        var message = "libgit2 error \(result)"
        var errorClass: Int32 = -1
        if let error = git_error_last(), let text = error.pointee.message {
            message = String(cString: text).trimmingTrailingNewlines()
            errorClass = error.pointee.klass
        }
        if let object = ObjectTrail.last, let damage = objectDamage(result, errorClass: errorClass, message: message) {
            return GitError.damaged(
                object, detail: damage.isEmpty ? nil : damage, context: subject == object ? nil : subject,
                code: Code(rawValue: result))
        }
        // libgit2 names the lock file but not what to do about it: ChangelogKit says that.
        if result == GIT_ELOCKED.rawValue || message.contains(".lock' for writing") {
            while message.hasSuffix(":") || message.hasSuffix(" ") { message.removeLast() }
            return GitError(code: Code(rawValue: result), message: message, subject: subject, kind: .locked)
        }
        return GitError(code: Code(rawValue: result), message: message, subject: subject)
    }
}

extension GitError {
    /// Whether libgit2's error says an object could not be read: "" for a missing object, else the
    /// detail for a damaged one; nil for every other failure. Reading is where these classes come
    /// from (zlib, the object database, parsing an object); writes fail with OS errors.
    static func objectDamage(_ result: Int32, errorClass: Int32, message: String) -> String? {
        switch errorClass {
        case Int32(GIT_ERROR_ZLIB.rawValue):
            return message
        case Int32(GIT_ERROR_ODB.rawValue):
            if result == GIT_ENOTFOUND.rawValue { return message.contains("no match for id") ? "" : nil }
            if result == GIT_EAMBIGUOUS.rawValue || message.contains("write") || message.contains("lock") { return nil }
            return message
        case Int32(GIT_ERROR_OBJECT.rawValue), Int32(GIT_ERROR_TAG.rawValue), Int32(GIT_ERROR_TREE.rawValue):
            // A signature libgit2 cannot parse is git's business (it reads such identities), not damage.
            guard !message.contains("signature"),
                message.contains("parse") || message.contains("size") || message.contains("header")
                    || message.contains("corrupt") || message.contains("inflate")
            else { return nil }
            return message
        case Int32(GIT_ERROR_INVALID.rawValue):
            return message.contains("delta") ? message : nil
        default:
            return nil
        }
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
