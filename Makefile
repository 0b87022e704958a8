# DienHinh: `make run` opens the app on a ready demo database; `make test` builds and passes every test.
SWIFT ?= swift
BIN_DIR := $(shell $(SWIFT) build --show-bin-path 2>/dev/null)
RELEASE_BIN_DIR := $(shell $(SWIFT) build -c release --show-bin-path 2>/dev/null)
PREFIX ?= /usr/local
DEB_PACKAGES := libncurses-dev libsqlite3-dev libxml2-dev tmux sqlite3
# The signed documents: PDF by LibreOffice from the DOCX, page images for the tests, Times New Roman metrics.
OFFICE_PACKAGES := libreoffice-writer-nogui poppler-utils fonts-liberation

.PHONY: deps build release run test fuzz bench bench-check snapshots install clean

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
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  for p in $(OFFICE_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || { apt-get update -qq; \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$p || \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-writer; }; done; \
	  python3 -c "import docx" 2>/dev/null || pip install -q python-docx || pip install -q --break-system-packages python-docx; \
	else \
	  command -v soffice >/dev/null || echo "For PDF and the document tests: sudo apt-get install $(OFFICE_PACKAGES); pip install python-docx"; \
	fi
	@command -v $(SWIFT) >/dev/null || { echo "Swift 6.1 or later is needed: https://www.swift.org/install/linux/"; exit 1; }

build: deps
	$(SWIFT) build --product dienhinh

release: deps
	$(SWIFT) build -c release --product dienhinh

# Opens the terminal interface; the first run creates the demo database in the user's data folder.
run: build
	$(BIN_DIR)/dienhinh $(ARGS)

# Every suite, with a short run of each fuzzer (2 s) and of the kill tests (20 kills per operation, content compared).
test: build
	DIENHINH_BIN=$(BIN_DIR)/dienhinh $(SWIFT) test

# The long runs: each parser fuzzer for FUZZ_SECONDS, then KILL_RUNS SIGKILLs for each of the four atomic
# operations (import, bundle merge, ballot, round close): 100 each took 170 s in all (0.2-0.9 s a run).
# Then libFuzzer (scripts/fuzz.sh) on the pure parsers, keys and fields, FUZZ_SECONDS each.
# The summary lines (inputs per fuzzer and per second, kills that left all or none) are repeated at the end.
FUZZ_SECONDS ?= 60
KILL_RUNS ?= 100
fuzz: SHELL := /bin/bash
fuzz: build
	set -o pipefail; DIENHINH_FUZZ_SECONDS=$(FUZZ_SECONDS) DIENHINH_BIN=$(BIN_DIR)/dienhinh \
	  $(SWIFT) test --filter Fuzz 2>&1 | tee .build/fuzz.log
	set -o pipefail; DIENHINH_KILL_RUNS=$(KILL_RUNS) DIENHINH_BIN=$(BIN_DIR)/dienhinh \
	  $(SWIFT) test --filter KillTests 2>&1 | tee .build/kill.log
	set -o pipefail; scripts/fuzz.sh $(FUZZ_SECONDS) | tee .build/libfuzzer.log
	@echo; grep -h -E '^(fuzz .*inputs in|kill |libfuzzer )' .build/fuzz.log .build/kill.log .build/libfuzzer.log

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
	install -d $(PREFIX)/share/man/man1 $(PREFIX)/share/man/vi/man1
	$(PREFIX)/lib/dienhinh/dienhinh manual --lang en > $(PREFIX)/share/man/man1/dienhinh.1
	$(PREFIX)/lib/dienhinh/dienhinh manual --lang vi > $(PREFIX)/share/man/vi/man1/dienhinh.1

clean:
	rm -rf .build
