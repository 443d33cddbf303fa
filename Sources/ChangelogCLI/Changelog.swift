import ArgumentParser

/// The root command. The `changelog` executable's `main.swift` only calls `Changelog.main()`, so
/// tests parse every command in-process with `parseAsRoot`.
public struct Changelog: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "changelog",
        abstract: "Release notes, versions and tags from Conventional Commits.",
        discussion: """
            Walks the history between release tags, sorts the commits into breaking changes, features, \
            fixes and performance improvements, and writes the new section of CHANGELOG.md. \
            `changelog --setversion 1.4.0 -C CHANGELOG.md` is the clog-compatible way to cut a section.
            """,
        version: "0.1.0",
        subcommands: [
            GenerateCommand.self, NextCommand.self, CheckCommand.self, ReleaseCommand.self, NotesCommand.self,
            BackportsCommand.self, HookCommand.self, InitCommand.self, StatusCommand.self, AmendCommand.self,
        ],
        defaultSubcommand: GenerateCommand.self
    )

    public init() {}
}
