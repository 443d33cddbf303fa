/// `[release]` in `.changelog.toml`: how `changelog release` records a version.
///
///     [release]
///     files = ["package.json", "src/version.h:VERSION \"([^\"]+)\""]
///     commit-message = "chore: tag {version}"
///     changelog-commit-message = "docs: changelog for {version}"   # with separate-commits
///     separate-commits = false
///     tag-message = "Release {version}"      # the tag's first line; the release notes follow
///     sign-timeout = 120                     # seconds gpg or ssh-keygen may take
public struct ReleaseSettings: Sendable, Equatable {
    public var files: [VersionFile] = []
    public var commitMessage = "chore: tag {version}"
    public var changelogCommitMessage = "docs: changelog for {version}"
    public var separateCommits = false
    public var tagMessage = "Release {version}"
    /// Long enough for a person to type a passphrase at gpg's or ssh-keygen's prompt.
    public var signTimeoutSeconds = 120

    public init() {}

    /// `template` with `{version}` (1.4.0) and `{tag}` (v1.4.0) filled in.
    public static func expand(_ template: String, version: SemanticVersion, tag: String) -> String {
        expand(template, version: version.description, tag: tag)
    }

    /// `template` with `{version}` and `{tag}` as given: a release of several packages fills in
    /// `api 1.4.0, web 2.0.1` and `api-v1.4.0, web-v2.0.1`.
    public static func expand(_ template: String, version: String, tag: String) -> String {
        template.replacing("{version}", with: version).replacing("{tag}", with: tag)
    }
}

extension ReleaseSettings {
    static let keys: Set<String> = [
        "files", "commit-message", "changelog-commit-message", "separate-commits", "tag-message", "sign-timeout",
    ]

    /// Reads the keys of `[release]`; the caller reports unknown keys with `finish()`.
    static func read(_ table: inout TOMLTableReader) throws(ConfigurationError) -> ReleaseSettings {
        var settings = ReleaseSettings()
        settings.files = try readFiles(&table, key: "files")
        for (key, keyPath) in [
            ("commit-message", \ReleaseSettings.commitMessage),
            ("changelog-commit-message", \.changelogCommitMessage),
            ("tag-message", \.tagMessage),
        ] {
            guard let text = try table.string(key) else { continue }
            guard !TOMLTableReader.isBlank(text), !text.contains("\n") else {
                throw table.error(
                    key,
                    "key \(table.dotted(key)) must be one non-empty line such as \"chore: tag {version}\", found \(TOMLTableReader.quote(text))"
                )
            }
            settings[keyPath: keyPath] = text
        }
        if let separate = try table.bool("separate-commits") { settings.separateCommits = separate }
        if let timeout = try table.integer("sign-timeout") {
            guard timeout > 0 else {
                throw table.error(
                    "sign-timeout", "key \(table.dotted("sign-timeout")) must be a positive number of seconds, found \(timeout)")
            }
            settings.signTimeoutSeconds = timeout
        }
        return settings
    }

    /// A list of version files (`[release] files`, a package's `files`), each listed once.
    static func readFiles(_ table: inout TOMLTableReader, key: String) throws(ConfigurationError) -> [VersionFile] {
        var files: [VersionFile] = []
        if let entries = try table.stringArray(key) {
            var seen: Set<String> = []
            for entry in entries {
                let file: VersionFile
                do {
                    file = try VersionFile.parse(entry)
                } catch {
                    throw table.error(key, "key \(table.dotted(key)) has an entry that cannot be used: \(error.description)")
                }
                guard seen.insert(file.path).inserted else {
                    throw table.error(
                        key, "key \(table.dotted(key)) lists \(TOMLTableReader.quote(file.path)) twice; list each file once")
                }
                files.append(file)
            }
        }
        return files
    }
}
