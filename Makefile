# oneonone — the README's commands and the developer targets.
#
#   make run     check the bundled example config with the CLI
#   make test    build and run every test (installs what is missing first)
#   make fuzz    the fuzzers: TOML, config, history, planner (FUZZ_SECONDS in all, default 60)
#   make bench-toml   our TOML parser against Python's tomllib, side by side
#   make bench-scale  every command on a 50-member team's ten years, and start-up against remind
#   make bench-daemon our daemon against remind -z: fire latency, idle, edits
#   make install      release build + user service (PREFIX, default ~/.local)

SWIFT        ?= swift
FUZZ_SECONDS ?= 60
# Debian packages the build, the demo and the benchmarks need; the tests
# add a journal and a session bus (below).
APT_PACKAGES := tzdata python3 pkg-config libsystemd-dev time libnotify-bin
TEST_PACKAGES := systemd dbus python3-dbus python3-gi python3-icalendar
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BIN           = $(shell $(SWIFT) build --show-bin-path)

.PHONY: all build run test deps fuzz bench-toml bench-scale bench-daemon install uninstall clean static-libs

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
# Each corpus is $(FUZZ_DIR)/corpus-NAME, seeded from fuzz/seeds-NAME/ (and
# the example config or history). Any crash, hang, leak, broken invariant or
# sanitizer report fails; the input is left as $(FUZZ_DIR)/NAME-crash-*.
# The sources are built as SwiftPM would, module by module (one object and
# .swiftmodule each, OneOnOne and OneOnOneStore with -enable-testing for
# what is internal), then linked with each target; only what changed is rebuilt.
FUZZ_DIR     := .build-fuzz
FUZZ_TARGETS ?= toml config history planner
FUZZ_EACH     = $(shell n=$$(( $(FUZZ_SECONDS) / $(words $(FUZZ_TARGETS)) )); [ $$n -ge 1 ] && echo $$n || echo 1)
FUZZ_MAX_LEN_toml    := 4096
FUZZ_MAX_LEN_config  := 4096
FUZZ_MAX_LEN_history := 4096
FUZZ_MAX_LEN_planner := 512
FUZZ_EXAMPLE_config  := config/example.toml
FUZZ_EXAMPLE_history := config/example-history.toml
FUZZ_SWIFTC  := swiftc -sanitize=fuzzer,address -parse-as-library -O -swift-version 6 -package-name oneonone \
  -enable-upcoming-feature ExistentialAny -enable-upcoming-feature InternalImportsByDefault -I $(FUZZ_DIR)/modules
FUZZ_OBJECTS := $(patsubst %,$(FUZZ_DIR)/obj/%.o,TOML OneOnOne Posix OneOnOneStore)
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

# The TOML target is one module with the parser, as before.
$(FUZZ_DIR)/toml-fuzz: $(call fuzz_sources,TOML) fuzz/TOMLFuzz.swift
	@mkdir -p $(@D)
	swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name TOMLFuzz $^ -o $@

$(FUZZ_DIR)/config-fuzz: fuzz/ConfigFuzz.swift
$(FUZZ_DIR)/history-fuzz: fuzz/HistoryFuzz.swift
$(FUZZ_DIR)/planner-fuzz: fuzz/PlannerFuzz.swift
$(FUZZ_DIR)/config-fuzz $(FUZZ_DIR)/history-fuzz $(FUZZ_DIR)/planner-fuzz: fuzz/FuzzSupport.swift $(FUZZ_OBJECTS)
	$(FUZZ_SWIFTC) -module-name Fuzz $(filter %.swift,$^) $(FUZZ_OBJECTS) -o $@

$(FUZZ_DIR)/obj/TOML.o: $(call fuzz_sources,TOML)
$(FUZZ_DIR)/obj/OneOnOne.o: $(call fuzz_sources,OneOnOne) $(FUZZ_DIR)/obj/TOML.o
$(FUZZ_DIR)/obj/Posix.o: $(call fuzz_sources,Posix) $(FUZZ_DIR)/modules/module.modulemap
$(FUZZ_DIR)/obj/OneOnOneStore.o: $(call fuzz_sources,OneOnOneStore) $(FUZZ_DIR)/obj/OneOnOne.o $(FUZZ_DIR)/obj/Posix.o
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

# The user service. The binary is built with the Swift runtime linked in
# statically, so it runs without the toolchain.
PREFIX   ?= $(HOME)/.local
BINDIR   := $(PREFIX)/bin
UNITDIR  ?= $(if $(filter $(HOME)/.local,$(PREFIX)),$(HOME)/.config/systemd/user,$(PREFIX)/lib/systemd/user)
CONFIG_HOME := $(or $(XDG_CONFIG_HOME),$(HOME)/.config)
install: deps static-libs
	$(SWIFT) build $(RELEASE_FLAGS)
	install -Dm755 $$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/oneonone $(DESTDIR)$(BINDIR)/oneonone
	mkdir -p $(DESTDIR)$(UNITDIR)
	sed 's|@BINDIR@|$(BINDIR)|g' systemd/oneonone.service > $(DESTDIR)$(UNITDIR)/oneonone.service
	chmod 644 $(DESTDIR)$(UNITDIR)/oneonone.service
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
	@systemctl --user daemon-reload 2>/dev/null || true
	@echo "removed the binary and the unit; your config, history and state are kept:"
	@echo "  $(CONFIG_HOME)/oneonone  ~/.local/share/oneonone  ~/.local/state/oneonone"

clean:
	rm -rf .build $(FUZZ_DIR) $(BENCH_DIR) $(STATIC_DIR)
