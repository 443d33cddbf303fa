/// Where HEAD points.
public enum HeadState: Equatable, Sendable {
    /// On a branch: its full reference name (`refs/heads/main`) and tip.
    case branch(String, ObjectID)
    /// Detached at a commit.
    case detached(ObjectID)
    /// On a branch with no commit yet.
    case unborn(String)

    /// The commit HEAD names; nil before the first commit.
    public var commitID: ObjectID? {
        switch self {
        case .branch(_, let id), .detached(let id): id
        case .unborn: nil
        }
    }

    /// The branch's short name (`main`); nil when HEAD is detached.
    public var branchName: String? {
        switch self {
        case .branch(let name, _), .unborn(let name):
            ReferenceName.shortBranch(name)
        case .detached: nil
        }
    }
}
