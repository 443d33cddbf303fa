/// Reference names as git spells them, so every caller shortens a branch name the same way.
public enum ReferenceName {
    /// Where local branches live.
    public static let branchPrefix = "refs/heads/"

    /// A branch's short name (`refs/heads/main` gives `main`); any other name is returned unchanged.
    public static func shortBranch(_ name: String) -> String {
        name.hasPrefix(branchPrefix) ? String(name.dropFirst(branchPrefix.count)) : name
    }
}
