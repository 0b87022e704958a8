# DienHinh: `make run` opens the app on a ready demo database; `make test` builds and passes every test.
SWIFT ?= swift
BIN_DIR := $(shell $(SWIFT) build --show-bin-path 2>/dev/null)
RELEASE_BIN_DIR := $(shell $(SWIFT) build -c release --show-bin-path 2>/dev/null)
PREFIX ?= /usr/local
DEB_PACKAGES := libncurses-dev libsqlite3-dev tmux sqlite3

.PHONY: deps build release run test bench bench-check snapshots install clean

# Installs the Debian packages the build and the tests need when root; otherwise names them.
deps:
	@missing=""; \
	for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing:$$missing"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "Missing Debian packages:$$missing"; echo "Install them with: sudo apt-get install$$missing"; exit 1; \
	  fi; \
	fi
	@command -v $(SWIFT) >/dev/null || { echo "Swift 6.1 or later is needed: https://www.swift.org/install/linux/"; exit 1; }

build: deps
	$(SWIFT) build --product dienhinh

release: deps
	$(SWIFT) build -c release --product dienhinh

# Opens the terminal interface; the first run creates the demo database in the user's data folder.
run: build
	$(BIN_DIR)/dienhinh $(ARGS)

test: build
	DIENHINH_BIN=$(BIN_DIR)/dienhinh $(SWIFT) test

snapshots: build
	DIENHINH_RECORD_SNAPSHOTS=1 DIENHINH_BIN=$(BIN_DIR)/dienhinh $(SWIFT) test --filter Snapshot

bench: release
	DIENHINH_BIN=$(RELEASE_BIN_DIR)/dienhinh python3 scripts/bench.py

bench-check: release
	DIENHINH_BIN=$(RELEASE_BIN_DIR)/dienhinh python3 scripts/bench.py --check

install: release
	install -d $(PREFIX)/bin $(PREFIX)/lib/dienhinh
	cp -R $(RELEASE_BIN_DIR)/DienHinh_DienHinhResources.resources $(PREFIX)/lib/dienhinh/
	install -m 755 $(RELEASE_BIN_DIR)/dienhinh $(PREFIX)/lib/dienhinh/dienhinh
	ln -sf $(PREFIX)/lib/dienhinh/dienhinh $(PREFIX)/bin/dienhinh

clean:
	rm -rf .build
