import FixtureSupport
import Foundation
import Testing

/// A `BREAKING CHANGE:` note of several paragraphs (a list, a fenced block, blank lines) is written
/// as it was typed, indented under its entry, in every style and in `notes`; never joined into one line.
@Suite struct BreakingNoteTests {
    let sandbox: Sandbox

    init() throws {
        sandbox = try Sandbox()
        _ = try sandbox.build(
            text: """
                author Ada Lovelace <ada@example.com>
                start 2026-01-05T10:00:00+01:00
                remote origin git@github.com:acme/widget.git
                commit feat: one
                tag v1.0.0
                commit feat(config)!: a new configuration format
                |
                | BREAKING CHANGE: the configuration moved.
                |
                | Migrate in two steps:
                |
                | 1. run `widget migrate`
                | 2. check the diff
                |
                | ```toml
                | [widget]
                | mode = "classic"
                | ```
                tag v2.0.0

                """)
    }

    static let indentedNote = """
          Migrate in two steps:

          1. run `widget migrate`
          2. check the diff

          ```toml
          [widget]
          mode = "classic"
          ```

        """

    @Test(arguments: StyleGoldenTests.styles)
    func theNoteKeepsItsShapeInEveryStyle(style: String) throws {
        let result = try sandbox.changelog("--setversion", "2.0.0", "--style", style)
        #expect(result.status == 0, "\(result.stderr)")
        let first = style == "conventional" ? "* **config:** the configuration moved.\n\n" : "  the configuration moved.\n\n"
        #expect(result.stdout.contains(first + Self.indentedNote), "\(result.stdout)")

        let notes = try sandbox.changelog("notes", "2.0.0", "--style", style)
        #expect(notes.status == 0, "\(notes.stderr)")
        #expect(notes.stdout.contains(first + Self.indentedNote), "\(notes.stdout)")
    }
}
