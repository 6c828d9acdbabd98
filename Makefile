# oneonone — the README's commands and the developer targets.
#
#   make run     check the bundled example config with the CLI
#   make test    build and run every test (installs what is missing first)
#   make fuzz    the fuzzers: TOML, config, history, planner (FUZZ_SECONDS in all, default 60)
#   make bench-toml   our TOML parser against Python's tomllib, side by side
#   make bench-scale  every command on a 50-member team's ten years, and start-up against remind
#   make bench-daemon our daemon against remind -z: fire latency, idle, edits
#   make install      release build + user service (PREFIX, default ~/.local)
#   make deb          oneonone_VERSION_ARCH.deb in .build-dist (dpkg-deb, no network)
#   make man          the manual pages oneonone(1) and oneonone.toml(5), in .build-dist/man
#   make completions  bash, zsh and fish completions, in .build-dist/completions

SWIFT        ?= swift
FUZZ_SECONDS ?= 60
# Debian packages the build, the demo and the benchmarks need; the tests
# add a journal and a session bus (below).
APT_PACKAGES := tzdata python3 pkg-config libsystemd-dev time libnotify-bin
# What `make deb` adds (dpkg-shlibdeps); the package test also looks at the
# .deb with lintian, man and the three shells.
DEB_PACKAGES := dpkg-dev
TEST_PACKAGES := systemd dbus python3-dbus python3-gi python3-icalendar calcurse khal \
  $(DEB_PACKAGES) lintian man-db groff-base zsh fish
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BIN           = $(shell $(SWIFT) build --show-bin-path)

.PHONY: all build run test deps fuzz bench-toml bench-scale bench-daemon install uninstall clean static-libs \
  deb man completions screenshot

all: build

# Installs only what is missing; `apt-get update` runs once, and only then.
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y $$missing; \
	fi

build: deps
	$(SWIFT) build

run: build
	$(BIN)/oneonone check config/example.toml
	bash scripts/demo.sh $(BIN)/oneonone

test: APT_PACKAGES += $(TEST_PACKAGES)
test: deps
	bash scripts/journald.sh
	$(SWIFT) build --build-tests
	ONEONONE_BIN_DIR=$(BIN) $(SWIFT) test --skip-build

# libFuzzer targets, run one after the other for FUZZ_SECONDS in all (split
# evenly: CI's `make fuzz FUZZ_SECONDS=60` gives each 15 s, after about a
# minute of building). `make fuzz FUZZ_TARGETS=planner FUZZ_SECONDS=600`
# runs one for longer.
#   toml     the TOML parser; parse(write(x)) == x on every accepted input
#   config   the config decoder (fixed zones); a config that decodes also
#            plans within the planner's invariants
#   history  history.toml as the store reads it; written back record by
#            record, and after an appended record, it reads as it should
#   planner  the example config (and three others) with a history the bytes
#            make, planned at 1-4 instants and a few days ahead; the
#            planner's invariants (fuzz/FuzzSupport.swift) hold
#   ical     the iCalendar parser, and each event's occurrences expanded in
#            a bounded window
# Each corpus is $(FUZZ_DIR)/corpus-NAME, seeded from fuzz/seeds-NAME/ (and
# the example config or history). Any crash, hang, leak, broken invariant or
# sanitizer report fails; the input is left as $(FUZZ_DIR)/NAME-crash-*.
# The sources are built as SwiftPM would, module by module (one object and
# .swiftmodule each, OneOnOne and OneOnOneStore with -enable-testing for
# what is internal), then linked with each target; only what changed is rebuilt.
FUZZ_DIR     := .build-fuzz
FUZZ_TARGETS ?= toml config history planner ical
FUZZ_EACH     = $(shell n=$$(( $(FUZZ_SECONDS) / $(words $(FUZZ_TARGETS)) )); [ $$n -ge 1 ] && echo $$n || echo 1)
FUZZ_MAX_LEN_toml    := 4096
FUZZ_MAX_LEN_config  := 4096
FUZZ_MAX_LEN_history := 4096
FUZZ_MAX_LEN_planner := 512
FUZZ_MAX_LEN_ical    := 8192
FUZZ_EXAMPLE_config  := config/example.toml
FUZZ_EXAMPLE_history := config/example-history.toml
FUZZ_SWIFTC  := swiftc -sanitize=fuzzer,address -parse-as-library -O -swift-version 6 -package-name oneonone \
  -enable-upcoming-feature ExistentialAny -enable-upcoming-feature InternalImportsByDefault -I $(FUZZ_DIR)/modules
FUZZ_OBJECTS := $(patsubst %,$(FUZZ_DIR)/obj/%.o,Civil TOML OneOnOne Posix ICalendar OneOnOneStore)
FUZZ_RUNS    := $(FUZZ_TARGETS:%=fuzz-%)
fuzz_sources  = $(shell find Sources/$(1) -name '*.swift' | sort)
.PHONY: $(FUZZ_RUNS)

fuzz: $(FUZZ_RUNS)

$(FUZZ_RUNS): fuzz-%: deps $(FUZZ_DIR)/%-fuzz
	mkdir -p $(FUZZ_DIR)/corpus-$*
	cp -n fuzz/seeds-$*/* $(FUZZ_EXAMPLE_$*) $(FUZZ_DIR)/corpus-$*/ 2>/dev/null || true
	SWIFT_BACKTRACE=enable=no $(FUZZ_DIR)/$*-fuzz -max_total_time=$(FUZZ_EACH) \
	  -timeout=5 -rss_limit_mb=2048 -max_len=$(FUZZ_MAX_LEN_$*) -print_final_stats=1 \
	  -artifact_prefix=$(FUZZ_DIR)/$*- $(FUZZ_DIR)/corpus-$*

# The TOML target is one module with the parser (and Civil, the calendar's
# day arithmetic, linked in), as before.
$(FUZZ_DIR)/toml-fuzz: $(call fuzz_sources,TOML) fuzz/TOMLFuzz.swift $(FUZZ_DIR)/obj/Civil.o
	@mkdir -p $(@D)
	$(FUZZ_SWIFTC) -module-name TOMLFuzz $(filter %.swift,$^) $(FUZZ_DIR)/obj/Civil.o -o $@

# So is the iCalendar target, with its parser.
$(FUZZ_DIR)/ical-fuzz: $(call fuzz_sources,ICalendar) fuzz/ICalendarFuzz.swift $(FUZZ_DIR)/obj/Civil.o
	@mkdir -p $(@D)
	$(FUZZ_SWIFTC) -module-name ICalendarFuzz $(filter %.swift,$^) $(FUZZ_DIR)/obj/Civil.o -o $@

$(FUZZ_DIR)/config-fuzz: fuzz/ConfigFuzz.swift
$(FUZZ_DIR)/history-fuzz: fuzz/HistoryFuzz.swift
$(FUZZ_DIR)/planner-fuzz: fuzz/PlannerFuzz.swift
$(FUZZ_DIR)/config-fuzz $(FUZZ_DIR)/history-fuzz $(FUZZ_DIR)/planner-fuzz: fuzz/FuzzSupport.swift $(FUZZ_OBJECTS)
	$(FUZZ_SWIFTC) -module-name Fuzz $(filter %.swift,$^) $(FUZZ_OBJECTS) -o $@

$(FUZZ_DIR)/obj/Civil.o: $(call fuzz_sources,Civil)
$(FUZZ_DIR)/obj/TOML.o: $(call fuzz_sources,TOML) $(FUZZ_DIR)/obj/Civil.o
$(FUZZ_DIR)/obj/OneOnOne.o: $(call fuzz_sources,OneOnOne) $(FUZZ_DIR)/obj/TOML.o
$(FUZZ_DIR)/obj/Posix.o: $(call fuzz_sources,Posix) $(FUZZ_DIR)/modules/module.modulemap
$(FUZZ_DIR)/obj/ICalendar.o: $(call fuzz_sources,ICalendar) $(FUZZ_DIR)/obj/Civil.o
$(FUZZ_DIR)/obj/OneOnOneStore.o: $(call fuzz_sources,OneOnOneStore) $(FUZZ_DIR)/obj/OneOnOne.o $(FUZZ_DIR)/obj/Posix.o \
  $(FUZZ_DIR)/obj/ICalendar.o
$(FUZZ_DIR)/obj/OneOnOne.o $(FUZZ_DIR)/obj/OneOnOneStore.o: FUZZ_MODULE_FLAGS := -enable-testing
$(FUZZ_DIR)/obj/%.o:
	@mkdir -p $(@D) $(FUZZ_DIR)/modules
	$(FUZZ_SWIFTC) $(FUZZ_MODULE_FLAGS) -c -wmo -module-name $* $(filter %.swift,$^) \
	  -emit-module -emit-module-path $(FUZZ_DIR)/modules/$*.swiftmodule -o $@

# CPosix has no module map of its own (SwiftPM makes one): the same here.
$(FUZZ_DIR)/modules/module.modulemap: Sources/CPosix/include/CPosix.h
	@mkdir -p $(@D)
	printf 'module CPosix {\n  header "%s"\n  export *\n}\n' "$(CURDIR)/$<" > $@

# The release build users run: the Swift runtime and libstdc++ linked in
# statically, so it runs without the toolchain and starts about a
# millisecond sooner (no libstdc++.so to load and bind). libstdc++.a is the
# system compiler's, reached through a directory that holds it alone, so the
# linker takes it over the shared one; without it the build links the
# shared one as before.
STATIC_DIR    := .build-static
RELEASE_FLAGS  = -c release --static-swift-stdlib -Xlinker -L$(CURDIR)/$(STATIC_DIR)
static-libs:
	@mkdir -p $(STATIC_DIR); lib=$$(gcc -print-file-name=libstdc++.a 2>/dev/null); \
	  if [ -f "$$lib" ]; then ln -sf "$$lib" $(STATIC_DIR)/libstdc++.a; fi

BENCH_DIR := .build-bench
BENCH_SWIFTPM := $(BENCH_DIR)/swiftpm
# The binary `make install` builds, in its own scratch path: the benchmarks
# measure what users run.
BENCH_BUILD   = $(SWIFT) build $(RELEASE_FLAGS) --scratch-path $(BENCH_SWIFTPM)
bench-toml: deps
	mkdir -p $(BENCH_DIR)
	swiftc -O -wmo -parse-as-library -module-name TOMLBench \
	  Sources/TOML/*.swift bench/toml/main.swift -o $(BENCH_DIR)/toml-bench
	python3 bench/toml/generate.py $(BENCH_DIR)/bench.toml
	python3 bench/toml/compare.py $(BENCH_DIR)/toml-bench $(BENCH_DIR)/bench.toml

bench-scale: APT_PACKAGES += remind
bench-scale: deps static-libs
	$(BENCH_BUILD)
	bash bench/scale/run.sh $$($(BENCH_BUILD) --show-bin-path)/oneonone

# The daemon against remind -z (BENCH_SAMPLES, default 5; BENCH_IDLE_SECONDS,
# default 60). deps installs remind and a journal too when they are missing,
# with the same single apt-get update.
bench-daemon: APT_PACKAGES += remind systemd
bench-daemon: deps static-libs
	$(BENCH_BUILD)
	bash scripts/journald.sh
	python3 bench/daemon/bench.py $$($(BENCH_BUILD) --show-bin-path)/oneonone

# The README's screenshot (docs/notification.png): a notification with its
# buttons on a real server, xfce4-notifyd under Xvfb.
screenshot: APT_PACKAGES += xvfb xfce4-notifyd imagemagick dbus
screenshot: build
	bash scripts/screenshot.sh $(BIN)/oneonone docs/notification.png

# The release binary that man and completions ask and deb packages: the one
# in .build that `make install` builds, unless DIST_SWIFTPM names another
# scratch path (the package test does: swift test holds .build's lock while
# it runs). The pages and the package are dated by the last commit (or
# SOURCE_DATE_EPOCH), so one commit always gives the same files.
DIST_DIR     := .build-dist
DIST_SWIFTPM ?=
DIST_BUILD    = $(SWIFT) build $(RELEASE_FLAGS) $(if $(DIST_SWIFTPM),--scratch-path $(DIST_SWIFTPM))
DIST_BIN      = $$($(DIST_BUILD) --show-bin-path)/oneonone
DIST_EPOCH   := $(or $(SOURCE_DATE_EPOCH),$(shell git log -1 --format=%ct 2>/dev/null),$(shell date +%s))

# SYNOPSIS, COMMANDS and OPTIONS of oneonone(1) come from the argument
# parser's description of the commands; the rest of it and oneonone.toml(5)
# are written in man/.
man: deps static-libs
	$(DIST_BUILD)
	mkdir -p $(DIST_DIR)/man
	bin=$(DIST_BIN) && version=$$($$bin --version) && date=$$(date -u -d @$(DIST_EPOCH) +%F) && \
	  $$bin --experimental-dump-help > $(DIST_DIR)/man/help.json && \
	  python3 packaging/manpage.py man/oneonone.1.in $$version $$date < $(DIST_DIR)/man/help.json > $(DIST_DIR)/man/oneonone.1 && \
	  python3 packaging/manpage.py man/oneonone.toml.5.in $$version $$date < /dev/null > $(DIST_DIR)/man/oneonone.toml.5

# The argument parser writes them; a bash completion is sourced, never run,
# so it loses its #! line.
completions: deps static-libs
	$(DIST_BUILD)
	mkdir -p $(DIST_DIR)/completions
	bin=$(DIST_BIN) && cd $(DIST_DIR)/completions && \
	  $$bin --generate-completion-script bash > oneonone.bash && sed -i '1{/^#!/d}' oneonone.bash && \
	  $$bin --generate-completion-script zsh > _oneonone && \
	  $$bin --generate-completion-script fish > oneonone.fish

# The Debian package, built by dpkg-deb alone from the release binary, the
# pages and the completions (packaging/build-deb.sh says what goes where).
deb: APT_PACKAGES += $(DEB_PACKAGES)
deb: deps static-libs man completions
	SOURCE_DATE_EPOCH=$(DIST_EPOCH) bash packaging/build-deb.sh $(DIST_BIN) $(DIST_DIR)

# The user service. The binary is built with the Swift runtime linked in
# statically, so it runs without the toolchain.
PREFIX   ?= $(HOME)/.local
BINDIR   := $(PREFIX)/bin
UNITDIR  ?= $(if $(filter $(HOME)/.local,$(PREFIX)),$(HOME)/.config/systemd/user,$(PREFIX)/lib/systemd/user)
CONFIG_HOME := $(or $(XDG_CONFIG_HOME),$(HOME)/.config)
MANDIR   := $(PREFIX)/share/man
# Where each shell finds completions under PREFIX: bash-completion and fish
# look under ~/.local/share, /usr/local/share and /usr/share; zsh's fpath
# has Debian's vendor-completions under /usr and site-functions under
# /usr/local (~/.local/share/zsh/site-functions you add yourself).
BASHCOMPDIR := $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  := $(PREFIX)/share/zsh/$(if $(filter /usr,$(PREFIX)),vendor-completions,site-functions)
FISHCOMPDIR := $(PREFIX)/share/fish/vendor_completions.d
# journalctl reads catalogs from /usr/lib/systemd/catalog and
# /usr/local/lib/systemd/catalog only: for any other prefix the README says
# how to add it.
CATALOGDIR  := $(if $(filter /usr /usr/local,$(PREFIX)),$(PREFIX)/lib/systemd/catalog)
install: deps static-libs man completions
	$(SWIFT) build $(RELEASE_FLAGS)
	install -Dm755 $$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/oneonone $(DESTDIR)$(BINDIR)/oneonone
	mkdir -p $(DESTDIR)$(UNITDIR)
	sed 's|@BINDIR@|$(BINDIR)|g' systemd/oneonone.service > $(DESTDIR)$(UNITDIR)/oneonone.service
	chmod 644 $(DESTDIR)$(UNITDIR)/oneonone.service
	install -Dm644 $(DIST_DIR)/man/oneonone.1 $(DESTDIR)$(MANDIR)/man1/oneonone.1
	install -Dm644 $(DIST_DIR)/man/oneonone.toml.5 $(DESTDIR)$(MANDIR)/man5/oneonone.toml.5
	install -Dm644 $(DIST_DIR)/completions/oneonone.bash $(DESTDIR)$(BASHCOMPDIR)/oneonone
	install -Dm644 $(DIST_DIR)/completions/_oneonone $(DESTDIR)$(ZSHCOMPDIR)/_oneonone
	install -Dm644 $(DIST_DIR)/completions/oneonone.fish $(DESTDIR)$(FISHCOMPDIR)/oneonone.fish
	@if [ -n "$(CATALOGDIR)" ]; then \
	  echo "install -Dm644 systemd/oneonone.catalog $(DESTDIR)$(CATALOGDIR)/oneonone.catalog"; \
	  install -Dm644 systemd/oneonone.catalog $(DESTDIR)$(CATALOGDIR)/oneonone.catalog; \
	  [ -n "$(DESTDIR)" ] || journalctl --update-catalog \
	    || echo "journalctl --update-catalog failed: run it as root so that journalctl -x explains each reminder"; \
	else \
	  echo "journalctl reads no catalog under $(PREFIX): the README's install section says how to add it"; \
	fi
	mkdir -p -m 700 $(DESTDIR)$(HOME)/.local/share/oneonone $(DESTDIR)$(HOME)/.local/state/oneonone
	@if [ ! -e $(DESTDIR)$(CONFIG_HOME)/oneonone/config.toml ]; then \
	  install -Dm600 config/example.toml $(DESTDIR)$(CONFIG_HOME)/oneonone/config.toml; \
	  echo "installed a starter config: $(CONFIG_HOME)/oneonone/config.toml (edit it, then: oneonone check)"; \
	fi
	@systemctl --user daemon-reload 2>/dev/null || echo "no systemd user manager is running here; after logging in: systemctl --user daemon-reload"
	@echo "installed $(BINDIR)/oneonone and $(UNITDIR)/oneonone.service"
	@echo "start it: systemctl --user enable --now oneonone"

uninstall:
	@systemctl --user disable --now oneonone 2>/dev/null || true
	rm -f $(DESTDIR)$(BINDIR)/oneonone $(DESTDIR)$(UNITDIR)/oneonone.service
	rm -f $(DESTDIR)$(MANDIR)/man1/oneonone.1 $(DESTDIR)$(MANDIR)/man5/oneonone.toml.5 \
	  $(DESTDIR)$(BASHCOMPDIR)/oneonone $(DESTDIR)$(ZSHCOMPDIR)/_oneonone $(DESTDIR)$(FISHCOMPDIR)/oneonone.fish
	@if [ -n "$(CATALOGDIR)" ] && [ -e $(DESTDIR)$(CATALOGDIR)/oneonone.catalog ]; then \
	  rm -f $(DESTDIR)$(CATALOGDIR)/oneonone.catalog; \
	  [ -n "$(DESTDIR)" ] || journalctl --update-catalog || true; \
	fi
	@systemctl --user daemon-reload 2>/dev/null || true
	@echo "removed the binary, the unit, the pages and the completions; your config, history and state are kept:"
	@echo "  $(CONFIG_HOME)/oneonone  ~/.local/share/oneonone  ~/.local/state/oneonone"

clean:
	rm -rf .build $(FUZZ_DIR) $(BENCH_DIR) $(STATIC_DIR) $(DIST_DIR)
