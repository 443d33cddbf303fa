/// Tells which of the known layouts an existing changelog was written in, for `changelog init`'s
/// `style` key: `clog`, `default` (this tool's), `keep-a-changelog` or `conventional`.
///
/// Each layout has marks the others never write: keep-a-changelog's `## [1.4.0] - 2026-11-21` and
/// Added/Fixed headings, conventional-changelog's `###` section titles under `##` versions, the
/// `<a name>` anchors with `####` titles that clog and this tool share, told apart by clog's bullets
/// (`*   subject`, `* **scope:**  subject`) or a heading without a compare link that clog writes.
public enum ChangelogStyleDetector {
    /// The style the text looks like most, or nil when it shows none of their marks.
    /// `clogConfigured`: a `.clog.toml` is there, which settles an anchored file without clog's bullets.
    public static func detect(_ text: String, clogConfigured: Bool = false) -> String? {
        var keepAChangelog = 0, conventional = 0, anchors = 0, fourHashTitles = 0
        var clogBullets = 0, plainBullets = 0, linkedHeadings = 0, unlinkedHeadings = 0
        let keepTitles: Set<Substring> = ["Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"]
        let conventionalTitles: Set<Substring> = [
            "Features", "Bug Fixes", "Performance Improvements", "Reverts", "⚠ BREAKING CHANGES", "BREAKING CHANGES",
        ]
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = rawLine.last == "\r" ? rawLine.dropLast() : rawLine
            if line.contains("keepachangelog.com") { keepAChangelog += 3 }
            if line.hasPrefix("<a name=") { anchors += 1 }
            if line.hasPrefix("## [Unreleased]") || line.hasPrefix("## [unreleased]") { keepAChangelog += 2 }
            if line.hasPrefix("### "), keepTitles.contains(line.dropFirst(4)) { keepAChangelog += 1 }
            if line.hasPrefix("### "), conventionalTitles.contains(line.dropFirst(4)) { conventional += 1 }
            if line.hasPrefix("#### ") { fourHashTitles += 1 }
            if line.hasPrefix("## [") || line.hasPrefix("### [") {
                // `## [1.4.0] - 2026-11-21` is keep-a-changelog's; `## [1.4.0](url) (date)` is a compare link.
                if let close = line.firstIndex(of: "]") {
                    let after = line[line.index(after: close)...]
                    if after.hasPrefix(" - ") { keepAChangelog += 1 } else if after.hasPrefix("(") { linkedHeadings += 1 }
                }
            } else if line.hasPrefix("## ") || line.hasPrefix("### "), line.hasSuffix(")"), line.contains(" (") {
                unlinkedHeadings += 1
            }
            if line.hasPrefix("*   ") || (line.hasPrefix("* **") && line.contains(":**  ")) { clogBullets += 1 }
            if line.hasPrefix("* ") && !line.hasPrefix("*  ") && !line.contains(":**  ") { plainBullets += 1 }
        }
        if keepAChangelog >= 2 && keepAChangelog > conventional { return "keep-a-changelog" }
        if anchors > 0 && fourHashTitles > 0 {
            if clogBullets > plainBullets { return "clog" }
            if clogBullets == 0 && plainBullets == 0 { return clogConfigured ? "clog" : "default" }
            if linkedHeadings == 0 && unlinkedHeadings > 0 && clogConfigured { return "clog" }
            return "default"
        }
        if conventional > 0 { return "conventional" }
        if keepAChangelog >= 2 { return "keep-a-changelog" }
        return nil
    }
}
