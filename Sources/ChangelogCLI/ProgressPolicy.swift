/// Whether a long run shows its progress: only to a person watching a terminal.
///
/// A pure function of what it is given, so the decision is tested without a terminal: progress goes
/// to stderr only when stderr is a terminal, never under CI (where logs keep every carriage
/// return), never when the user opted out of decoration (NO_COLOR, TERM=dumb, CHANGELOG_NO_PROGRESS).
struct ProgressPolicy {
    /// Variables CI services set; any of them, non-empty, means nobody watches the terminal.
    static let ciVariables = [
        "CI", "CONTINUOUS_INTEGRATION", "GITHUB_ACTIONS", "GITLAB_CI", "BUILDKITE", "CIRCLECI", "TRAVIS", "JENKINS_URL", "TF_BUILD",
        "TEAMCITY_VERSION", "BITBUCKET_BUILD_NUMBER", "DRONE", "WOODPECKER",
    ]

    static func shows(stderrIsTerminal: Bool, environment: (String) -> String?) -> Bool {
        guard stderrIsTerminal else { return false }
        func isSet(_ name: String) -> Bool { environment(name).map { !$0.isEmpty } ?? false }
        if ciVariables.contains(where: isSet) { return false }
        // no-color.org: present and not empty. Progress redraws a line, decoration of the same kind.
        if isSet("NO_COLOR") || isSet("CHANGELOG_NO_PROGRESS") { return false }
        if let term = environment("TERM"), term.isEmpty || term == "dumb" { return false }
        return true
    }
}
