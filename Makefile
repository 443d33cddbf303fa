# `make run` and `make test` work on a fresh machine: they install libgit2 first when it is missing.
PREFIX ?= /usr/local
SWIFT ?= swift
ARGS ?=
SUDO := $(shell [ "$$(id -u)" -ne 0 ] && command -v sudo)
BIN := .build/debug/changelog

.PHONY: all deps test-deps build run test lint format release man completions install bench fuzz fuzz-build fuzz-corpus clean

all: build

deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists libgit2; then \
		echo "make: installing libgit2-dev and pkg-config with apt-get"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libgit2-dev pkg-config >/dev/null; \
	fi

# The signing tests make throwaway keys with gpg and ssh-keygen and verify tags with git.
test-deps:
	@if ! command -v gpg >/dev/null 2>&1 || ! command -v ssh-keygen >/dev/null 2>&1 || ! command -v ssh-agent >/dev/null 2>&1 || ! command -v git >/dev/null 2>&1; then \
		echo "make: installing gnupg, openssh-client and git with apt-get"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gnupg openssh-client git >/dev/null; \
	fi
	@if ! command -v man >/dev/null 2>&1 || ! command -v groff >/dev/null 2>&1 || ! command -v script >/dev/null 2>&1; then \
		echo "make: installing man-db, groff-base and bsdutils (script) with apt-get for the man page and terminal tests"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq man-db groff-base bsdutils >/dev/null; \
	fi

build: deps
	$(SWIFT) build

# Runs the tool on this repository's own history: the Unreleased section since the last tag.
run: build
	$(BIN) $(ARGS)

# `make test` is what CI runs on a fresh clone. It builds in its own scratch directory (.build/test), so
# `make run`, `make release` and bench/run never meet its objects, in the release configuration but at
# -Onone with testing enabled: every assertion, precondition and overflow check stays on (they follow
# -Onone, not the configuration), only the dependencies' `#if DEBUG` code is left out. That code is
# swift-argument-parser's re-validation of the whole command tree on every parse, about half of each
# start of the spawned tool (59 -> 24 ms CPU for a small `changelog` run), so ChangelogCLITests'
# ArgumentDefinitionTests runs those checks once instead. Each module is compiled whole (-wmo, one object
# file per source with -num-threads 2, as SwiftPM links them) so the test modules' Swift Testing macros
# are expanded and type-checked once; no debug info (-debug-info-format none: less to generate and
# link; a crash's backtrace still names the functions, without lines) and C/C++ at -O0 as in a debug build.
# No XCTest test exists, so only Swift Testing runs.
# Measured on this 2-core VM, fresh clone, load about 2, two runs: 176 and 191 s wall, 327 and 355 CPU s
# (build 113-118 s, tests 60-70 s; it was 292 s and 500 CPU s as a debug build). The test run alone: 198 s wall and 241 CPU s on the debug
# build, 105 s and 177 CPU s on this one, 70 s and 129 CPU s with the tmpfs below.
TEST_SCRATCH ?= .build/test
TEST_CONFIG := -c release --scratch-path $(TEST_SCRATCH)
TEST_BUILD_FLAGS ?= -debug-info-format none -Xswiftc -Onone -Xswiftc -enable-testing -Xcc -O0 \
	-Xswiftc -wmo -Xswiftc -num-threads -Xswiftc 2 -Xswiftc -no-emit-module-separately-wmo
# The tests make and delete many thousands of small files. On ext4 without a journal (this project's VM)
# each new inode costs a scan for recently deleted ones: 46 of the run's 73 kernel CPU seconds. So the
# tests' TMPDIR is a fresh directory in /dev/shm when that is a tmpfs they can use (device nodes and
# executables allowed, 1 GiB free), removed afterwards; TEST_TMPDIR=DIR chooses another parent.
TEST_TMPDIR ?= $(shell findmnt -n -o FSTYPE,OPTIONS /dev/shm 2>/dev/null | tail -n 1 | \
	awk '$$1 == "tmpfs" && ("," $$2 ",") !~ /,(nodev|noexec),/ {ok = 1} END {exit !ok}' && \
	[ "$$(df -Pk /dev/shm | awk 'NR == 2 {print $$4}')" -ge 1048576 ] && echo /dev/shm)
test: deps test-deps
	$(SWIFT) build --build-tests $(TEST_CONFIG) $(TEST_BUILD_FLAGS)
	@if [ -n "$(TEST_TMPDIR)" ] && tmp=$$(mktemp -d "$(TEST_TMPDIR)/changelog-tests.XXXXXX"); then \
		echo "make: the tests' temporary files are in $$tmp"; \
		TMPDIR="$$tmp" $(SWIFT) test --skip-build --disable-xctest $(TEST_CONFIG); status=$$?; rm -rf "$$tmp"; exit $$status; \
	else \
		$(SWIFT) test --skip-build --disable-xctest $(TEST_CONFIG); \
	fi

# The layout rules are in .swift-format (swift-format ships with the toolchain); `make format` applies them.
FORMATTED := Sources Tests Benchmarks Fuzz/Sources Package.swift Fuzz/Package.swift
lint:
	$(SWIFT) format lint --strict --recursive $(FORMATTED)

format:
	$(SWIFT) format format --in-place --recursive $(FORMATTED)

release: deps
	$(SWIFT) build -c release

# The man page, from the argument parser by swift-argument-parser's generate-manual plugin (it works
# offline: the plugin and its tool come with the package's checkout). docs/changelog.1 is committed, so
# a test can render it and check it names every option; the date is HEAD's, so regenerating is stable.
MAN_DATE = $(shell git log -1 --format=%cs 2>/dev/null || date -u +%F)
man: release
	$(SWIFT) package generate-manual --date $(MAN_DATE)
	cp .build/plugins/GenerateManual/outputs/changelog/changelog.1 docs/changelog.1

# Completion scripts, from the argument parser of the built tool.
COMPLETIONS := .build/completions
completions: release
	@mkdir -p $(COMPLETIONS)
	@bin="$$($(SWIFT) build -c release --show-bin-path)/changelog"; \
	for shell in bash zsh fish; do "$$bin" --generate-completion-script $$shell > $(COMPLETIONS)/changelog.$$shell || exit 1; done

install: release man completions
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(PREFIX)/share/man/man1" \
		"$(DESTDIR)$(PREFIX)/share/bash-completion/completions" "$(DESTDIR)$(PREFIX)/share/zsh/site-functions" \
		"$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d"
	install -m 755 "$$($(SWIFT) build -c release --show-bin-path)/changelog" "$(DESTDIR)$(PREFIX)/bin/changelog"
	install -m 644 docs/changelog.1 "$(DESTDIR)$(PREFIX)/share/man/man1/changelog.1"
	install -m 644 $(COMPLETIONS)/changelog.bash "$(DESTDIR)$(PREFIX)/share/bash-completion/completions/changelog"
	install -m 644 $(COMPLETIONS)/changelog.zsh "$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_changelog"
	install -m 644 $(COMPLETIONS)/changelog.fish "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/changelog.fish"

bench: release
	bench/run

# libFuzzer targets (Fuzz/README.md), not part of `make test`: each runs FUZZ_RUNS inputs, one after
# another, from the committed corpus; a crash stops make and leaves its input in .build/fuzz/artifacts.
FUZZ_RUNS ?= 10000000
FUZZ_TARGETS ?= FuzzCommitMessage FuzzChangelogMerge FuzzConfiguration
FUZZ_FLAGS ?=
FUZZ_BIN := .build/fuzz/release

fuzz: fuzz-build
	@for target in $(FUZZ_TARGETS); do \
		mkdir -p .build/fuzz/corpus/$$target Fuzz/Corpus/$$target .build/fuzz/artifacts; \
		echo "make: fuzzing $$target for $(FUZZ_RUNS) runs"; \
		SWIFT_BACKTRACE=enable=no $(FUZZ_BIN)/$$target .build/fuzz/corpus/$$target Fuzz/Corpus/$$target Fuzz/Seeds/$$target \
			-runs=$(FUZZ_RUNS) -print_final_stats=1 -artifact_prefix=.build/fuzz/artifacts/$$target- $(FUZZ_FLAGS) || exit 1; \
	done

# Only the fuzz package is built with -sanitize=fuzzer; lld because gold fails on its debug info.
fuzz-build: deps
	$(SWIFT) build --package-path Fuzz --scratch-path .build/fuzz -c release -Xswiftc -sanitize=fuzzer -Xswiftc -use-ld=lld

# Minimises what `make fuzz` found, with the committed corpus, into Fuzz/Corpus (the seeds' coverage left out);
# by edges only (-use_counters=0), which keeps it to a few hundred inputs per target.
fuzz-corpus: fuzz-build
	@for target in $(FUZZ_TARGETS); do \
		rm -rf .build/fuzz/merged/$$target && mkdir -p .build/fuzz/merged/$$target Fuzz/Corpus/$$target .build/fuzz/corpus/$$target; \
		cp Fuzz/Seeds/$$target/* .build/fuzz/merged/$$target/; \
		SWIFT_BACKTRACE=enable=no $(FUZZ_BIN)/$$target -merge=1 -use_counters=0 .build/fuzz/merged/$$target \
			Fuzz/Corpus/$$target .build/fuzz/corpus/$$target 2>&1 | grep -E 'MERGE-OUTER: [0-9]+ new files' || exit 1; \
		for seed in Fuzz/Seeds/$$target/*; do rm -f ".build/fuzz/merged/$$target/$${seed##*/}"; done; \
		rm -rf Fuzz/Corpus/$$target && mv .build/fuzz/merged/$$target Fuzz/Corpus/$$target; \
		echo "make: Fuzz/Corpus/$$target: $$(ls Fuzz/Corpus/$$target | wc -l) inputs"; \
	done

clean:
	rm -rf .build
