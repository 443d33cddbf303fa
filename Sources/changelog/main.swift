import ArgumentParser
import ChangelogCLI

Changelog.main()
