import ChangelogCLI

Changelog.main()
