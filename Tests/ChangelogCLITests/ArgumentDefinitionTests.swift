import Testing

@testable import ArgumentParser
@testable import ChangelogCLI

/// ArgumentParser checks a command's definition (unique names, positionals in a parsable order,
/// coding keys, flags that can be inverted, async completions) only when it is compiled with DEBUG,
/// each time it parses. `make test` compiles the dependencies without DEBUG, so that each start of
/// the spawned tool skips those checks; this suite runs the same checks on every command and group.
@Suite struct ArgumentDefinitionTests {
    static func commands(_ root: ParsableCommand.Type) -> [ParsableCommand.Type] {
        [root] + root.configuration.subcommands.flatMap { commands($0) }
    }

    /// Every option group a command uses, by the name Mirror gives its wrapper.
    static let groups: [String: ParsableArguments.Type] = [
        "OptionGroup<RepositoryOptions>": RepositoryOptions.self,
        "OptionGroup<LinkOptions>": LinkOptions.self,
        "OptionGroup<StyleOption>": StyleOption.self,
    ]

    @Test func everyCommandAndOptionGroupPassesArgumentParsersValidation() throws {
        let commands = Self.commands(Changelog.self)
        #expect(commands.count == 12)
        var groupsUsed: Set<String> = []
        for command in commands {
            #expect(throws: Never.self, "\(command)") { try command._validate(parent: nil) }
            // ParsableCommand.main refuses an async command under a synchronous root.
            #expect(!(command is AsyncParsableCommand.Type), "\(command)")
            for child in Mirror(reflecting: command.init()).children {
                let wrapper = String(describing: type(of: child.value))
                guard wrapper.hasPrefix("OptionGroup<") else { continue }
                let group = try #require(Self.groups[wrapper], "\(command).\(child.label ?? "?"): \(wrapper) is not listed")
                let name = String((child.label ?? "").drop { $0 == "_" })
                #expect(throws: Never.self, "\(command).\(name)") {
                    try group._validate(parent: InputKey(name: name, parent: nil))
                }
                groupsUsed.insert(wrapper)
            }
        }
        #expect(groupsUsed == Set(Self.groups.keys))
    }
}
