import Testing

@testable import ChangelogCore

@Suite("VersionFile: setup.py")
struct VersionFileSetupPyTests {
    static let setupPy = #"""
        #!/usr/bin/env python
        # -*- coding: utf-8 -*-
        """Packaging for widget.

        The release tool edits version="..." in the setup() call below.
        """
        import io
        import sys

        from setuptools import find_packages, setup

        if sys.version_info < (3, 8) or sys.version == "3.7":
            sys.exit("widget needs Python 3.8 or later")

        with io.open("README.md", encoding="utf-8") as f:
            long_description = f.read()

        setup(
            name="widget",
            version="1.2.3",
            description='Widgets; set version="x" in your config',
            long_description=long_description,
            long_description_content_type="text/markdown",
            packages=find_packages(exclude=["tests", "tests.*"]),
            python_requires=">=3.8",
            install_requires=[
                "requests>=2.0",
                "click>=8.0,<9",  # version="7" broke the CLI
                'importlib-metadata>=4.0; python_version<"3.10"',
            ],
            extras_require={"dev": ["pytest==7.4.0", "black>=23.1"]},
            classifiers=[
                "Programming Language :: Python :: 3",
                "License :: OSI Approved :: MIT License",
            ],
        )

        """#

    @Test("The version= argument of setup() is replaced; docstrings, comments and requirements are left alone")
    func realisticSetupPy() throws {
        let expected = Self.setupPy.replacingFirst(#"version="1.2.3","#, with: #"version="1.3.0","#)
        try expectUpdate("setup.py", Self.setupPy, from: "1.2.3", to: "1.3.0", gives: expected)
    }

    @Test("Single quotes, spaces around =, and a version that is not semver")
    func singleQuotes() throws {
        try expectUpdate(
            "setup.py", "from setuptools import setup\nsetup(name='w', version = '0.0.0.dev0', py_modules=['w'])\n",
            from: "0.0.0.dev0", to: "0.1.0",
            gives: "from setuptools import setup\nsetup(name='w', version = '0.1.0', py_modules=['w'])\n")
        try expectUpdate("setup.py", "setup(version=\"\")\n", from: "", to: "0.1.0", gives: "setup(version=\"0.1.0\")\n")
    }

    @Test("A top-level __version__ passed to setup() by name is the one that changes")
    func dunderVersion() throws {
        let source = """
            import setuptools

            __version__ = "2.1.0"  # single source

            setuptools.setup(name="w", version=__version__, python_requires=">=3.9")

            """
        try expectUpdate(
            "setup.py", source, from: "2.1.0", to: "2.2.0-rc.1",
            gives: """
                import setuptools

                __version__ = "2.2.0-rc.1"  # single source

                setuptools.setup(name="w", version=__version__, python_requires=">=3.9")

                """)
    }

    @Test("Attributes, comparisons, other names and raw or triple-quoted strings are not candidates")
    func notCandidates() throws {
        let source = #"""
            import platform
            VERSION_NOTE = r"version='0.0.1'"
            HELP = '''
            version = "0.0.2"
            '''
            if platform.python_version == "3.8": pass
            config.version = "0.0.3"
            setup(python_version="3.8", min_version="1.0", version='4.5.6')

            """#
        try expectUpdate(
            "setup.py", source, from: "4.5.6", to: "5.0.0",
            gives: source.replacingFirst("version='4.5.6'", with: "version='5.0.0'"))
    }

    @Test("CRLF line ends and a byte order mark are kept")
    func crlfAndBOM() throws {
        let source = "\u{FEFF}from setuptools import setup\r\n\r\nsetup(\r\n    name=\"w\",\r\n    version=\"1.0.0\",\r\n)\r\n"
        try expectUpdate(
            "setup.py", source, from: "1.0.0", to: "1.0.1",
            gives: "\u{FEFF}from setuptools import setup\r\n\r\nsetup(\r\n    name=\"w\",\r\n    version=\"1.0.1\",\r\n)\r\n")
    }

    @Test("No version string, or two, is an error that says where they are")
    func errors() throws {
        try expectFailure(
            "setup.py", "from setuptools import setup\nsetup(name=\"w\", version=get_version())\n",
            #"no version="..." argument to setup(...) and no __version__ = "..." or version = "..." "#
                + "assignment; write the version there as a string literal, or list the file that holds "
                + "it as 'path:<regex>'")
        try expectFailure(
            "pkg/setup.py", "__version__ = \"1.0.0\"\n\nsetup(\n    name=\"w\",\n    version=\"1.0.0\",\n)\n",
            "2 version strings where one is expected (__version__ on line 1, version on line 5); keep "
                + "one, or list the file as 'pkg/setup.py:<regex>' with a pattern that matches only the "
                + "right one")
    }
}
