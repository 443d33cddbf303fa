# `make run` and `make test` work on a fresh machine: they install libgit2 first when it is missing.
PREFIX ?= /usr/local
SWIFT ?= swift
ARGS ?=
SUDO := $(shell [ "$$(id -u)" -ne 0 ] && command -v sudo)
BIN := .build/debug/changelog

.PHONY: all deps test-deps build run test release install bench clean

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

build: deps
	$(SWIFT) build

# Runs the tool on this repository's own history: the Unreleased section since the last tag.
run: build
	$(BIN) $(ARGS)

test: deps test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

release: deps
	$(SWIFT) build -c release

install: release
	install -d "$(DESTDIR)$(PREFIX)/bin"
	install -m 755 "$$($(SWIFT) build -c release --show-bin-path)/changelog" "$(DESTDIR)$(PREFIX)/bin/changelog"

bench: release
	bench/run

clean:
	rm -rf .build
