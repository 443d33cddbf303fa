@testable import ChangelogCore

// Shared by the ChangelogDocument suites.

func version(_ text: String) -> SectionKey {
    .version(SemanticVersion(text)!)
}

/// A section as the Markdown renderer writes it.
func rendered(_ v: String, _ entry: String = "entry") -> String {
    """
    <a name="\(v)"></a>
    ## [\(v)](https://github.com/o/r/compare/v0.0.0...v\(v)) (2026-11-21)

    #### Features

    * \(entry) \(v)

    """
}
