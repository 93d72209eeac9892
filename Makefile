# rostrum: one Makefile.  `make demo` and `make check` are all a newcomer needs.
PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR   = $(PREFIX)/bin
MANDIR   = $(PREFIX)/share/man/man1
DATADIR  = $(PREFIX)/share/rostrum
COMPDIR  = $(PREFIX)/share/bash-completion/completions

CC      ?= cc
PYTHON  ?= /usr/bin/python3
PKGS     = ncursesw sqlite3 libconfuse
DEB_PKGS = gcc make pkg-config libncurses-dev libsqlite3-dev libconfuse-dev libcsv-dev \
           libcmocka-dev tmux python3 python3-pytest tzdata python3-html5lib chromium \
           clang-14 libclang-rt-14-dev sqlite3

BUILD   ?= build
WARN     = -std=c11 -Wall -Wextra -Wpedantic
ifeq ($(CI),true)
WARN    += -Werror
endif
ifeq ($(WERROR),1)
WARN    += -Werror
endif
ifeq ($(SAN),1)
OPT      = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
else ifeq ($(FUZZ),1)
OPT      = -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer \
           -fno-sanitize-recover=undefined
else
OPT      = -O2 -g
endif
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CPPFLAGS += -Iinclude -Isrc/core -Isrc/cli -Isrc/tui -DROSTRUM_DATADIR='"$(DATADIR)"'
CFLAGS   += $(WARN) $(OPT) $(PKG_CFLAGS) -MMD -MP
LDFLAGS  += $(OPT)
LDLIBS   += $(PKG_LIBS) -lcsv

CORE_SRC = $(sort $(wildcard src/core/*.c))
CLI_SRC  = $(sort $(wildcard src/cli/*.c))
TUI_SRC  = $(sort $(wildcard src/tui/*.c))
CORE_OBJ = $(CORE_SRC:%.c=$(BUILD)/%.o)
APP_OBJ  = $(CLI_SRC:%.c=$(BUILD)/%.o) $(TUI_SRC:%.c=$(BUILD)/%.o) $(BUILD)/src/main.o
CORE_LIB = $(BUILD)/librostrum.a
UNIT_SRC = $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
BIN      = $(if $(filter build,$(BUILD)),rostrum,$(BUILD)/rostrum)

.PHONY: all deps demo check check-html unit-tests cli-tests tui-tests harness-tests test-crash \
        test-concurrency fuzz fuzz-targets bench bench-fairness install uninstall clean
all: $(BIN)

$(BIN): $(APP_OBJ) $(CORE_LIB)
	$(CC) $(LDFLAGS) -o $@ $(APP_OBJ) $(CORE_LIB) $(LDLIBS)

$(CORE_LIB): $(CORE_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c tests/unit/testutil.h $(CORE_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -Itests/unit -o $@ $< $(CORE_LIB) $(LDLIBS) $(shell pkg-config --libs cmocka 2>/dev/null) $(LDFLAGS)

# Installs the Debian packages the build and tests need when root and any is
# missing; otherwise prints the line to run.
deps:
	@missing=""; for p in $(DEB_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then echo "deps: all packages present"; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "deps: installing$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	else echo "deps: missing packages; run:"; echo "  sudo apt-get install -y$$missing"; exit 1; fi

demo: deps
	@$(MAKE) --no-print-directory all
	./rostrum demo

# The whole suite, built apart under AddressSanitizer and UBSan; the
# harnesses in their short forms (TESTING.md).
check: deps
	@$(MAKE) --no-print-directory BUILD=build/san SAN=1 unit-tests cli-tests tui-tests \
	  harness-tests

unit-tests: $(UNIT_BIN)
	@fail=0; for t in $(UNIT_BIN); do \
	  ROSTRUM_FIXTURES=$(CURDIR)/tests/fixtures ROSTRUM_DATA=$(CURDIR)/data $$t || fail=1; \
	done; exit $$fail

cli-tests: $(BIN)
	ROSTRUM_BIN=$(CURDIR)/$(BIN) ROSTRUM_DATA=$(CURDIR)/data \
	  $(PYTHON) -m pytest -q -p no:cacheprovider tests/cli

# The screens, in real terminals: tmux at fixed sizes.
tui-tests: $(BIN)
	ROSTRUM_BIN=$(CURDIR)/$(BIN) ROSTRUM_DATA=$(CURDIR)/data \
	  $(PYTHON) -m pytest -q -p no:cacheprovider tests/tui

# The crash and concurrency harnesses (tests/harness/, TESTING.md), short:
# a few dozen kills, three writers with a small import.
harness-tests: $(BIN)
	$(PYTHON) tests/harness/crash.py --bin $(CURDIR)/$(BIN) --kills 24 --rows 2000
	$(PYTHON) tests/harness/concurrency.py --bin $(CURDIR)/$(BIN) --actions 60 --rows 5000 \
	  --presses 4

# In full, on the optimised build: 200 kills in a row (during init, a stream
# of actions and imports of 20,000 rows); 3 writers x 2,000 actions with
# readers, a TUI and an import of 100,000 rows.
test-crash: deps
	@$(MAKE) --no-print-directory all
	$(PYTHON) tests/harness/crash.py --bin $(CURDIR)/rostrum --kills 200 --rows 20000

test-concurrency: deps
	@$(MAKE) --no-print-directory all
	$(PYTHON) tests/harness/concurrency.py --bin $(CURDIR)/rostrum --writers 3 \
	  --actions 2000 --readers 2 --rows 100000 --presses 10

# libFuzzer (clang-14) on the readers and the sanitisers, FUZZ_SECONDS each
# (tests/fuzz/: a target per reader, seed corpora in tests/fuzz/corpus/).
# New inputs go to build/fuzz/corpus/, crashes to build/fuzz/TARGET-crash-*.
FUZZ_CC      ?= clang-14
FUZZ_SECONDS ?= 60
FUZZ_TARGETS  = csv config programme text
fuzz: deps
	@$(MAKE) --no-print-directory BUILD=build/fuzz FUZZ=1 CC=$(FUZZ_CC) fuzz-targets
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p build/fuzz/corpus/$$t; \
	  echo "fuzz: $$t, $(FUZZ_SECONDS) s"; \
	  build/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -timeout=20 -max_len=65536 \
	    -print_final_stats=1 -artifact_prefix=build/fuzz/$$t- \
	    build/fuzz/corpus/$$t tests/fuzz/corpus/$$t >build/fuzz/$$t.log 2>&1 \
	    || { tail -40 build/fuzz/$$t.log; echo "fuzz: $$t FAILED"; exit 1; }; \
	  grep -E "stat::(number_of_executed_units|peak_rss_mb)" build/fuzz/$$t.log | tr '\n' ' '; \
	  echo; \
	done

fuzz-targets: $(FUZZ_TARGETS:%=$(BUILD)/fuzz_%)

$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(CORE_LIB)
	$(CC) $(CPPFLAGS) $(CFLAGS) -fsanitize=fuzzer -o $@ $< $(CORE_LIB) $(LDLIBS) $(LDFLAGS)

# The HTML summary of the demo hearing after a scripted session: checked by
# an HTML5 parser (tests/cli/test_html.py), then rendered by headless
# Chromium.  The screenshot stays at build/report.png for a person to look
# at; the window is tall enough for the whole report.  Chromium gets a fresh
# profile and no background traffic (the network here is closed), and as
# root it runs only without its sandbox.
CHROMIUM  ?= chromium
SHOT_SIZE ?= 1200,9000
check-html: deps
	@$(MAKE) --no-print-directory all
	@mkdir -p build
	ROSTRUM_BIN=$(CURDIR)/$(BIN) ROSTRUM_DATA=$(CURDIR)/data ROSTRUM_HTML_OUT=$(CURDIR)/build/report.html \
	  $(PYTHON) -m pytest -q -p no:cacheprovider tests/cli/test_html.py
	@rm -f build/report.png; prof=$$(mktemp -d); \
	timeout 180 $(CHROMIUM) --headless $$([ "$$(id -u)" = 0 ] && echo --no-sandbox) \
	  --disable-gpu --no-first-run --disable-background-networking --disable-component-update \
	  --disable-sync --user-data-dir="$$prof" --hide-scrollbars --window-size=$(SHOT_SIZE) \
	  --screenshot=$(CURDIR)/build/report.png file://$(CURDIR)/build/report.html \
	  >build/chromium.log 2>&1; rc=$$?; rm -rf "$$prof"; \
	if [ $$rc != 0 ] || [ ! -s build/report.png ]; then cat build/chromium.log; \
	  echo "check-html: chromium failed ($$rc)"; exit 1; fi
	@sig=$$(od -An -tx1 -N8 build/report.png | tr -d ' \n'); \
	size=$$(stat -c %s build/report.png); \
	dims=$$(od -An -tu1 -j16 -N8 build/report.png | awk '{print $$3*256+$$4 "x" $$7*256+$$8}'); \
	if [ "$$sig" != 89504e470d0a1a0a ] || [ "$$size" -lt 100000 ]; then \
	  echo "check-html: build/report.png is not a real screenshot ($$sig, $$size bytes)"; exit 1; fi; \
	echo "check-html: build/report.png, $$dims, $$size bytes"

# Speed and memory at the roadmap's size (README: Benchmark): a table of
# figures, each beside a baseline measured in the same run.  Built -O2 without
# sanitizers against build/librostrum.a whatever SAN or BUILD say, with the
# optimised ./rostrum for the command-line figures (the sqlite3 shell gives
# their baselines); not part of `make check`.
bench:
	@$(MAKE) --no-print-directory SAN=0 BUILD=build build/bench/bench rostrum
	ROSTRUM_BIN=$(CURDIR)/rostrum ROSTRUM_DATA=$(CURDIR)/data build/bench/bench

# The fair floor on simulated hearings (README: A fair floor): gaps against
# targets, displacement from first come, time per ordering at 10,000.
bench-fairness:
	@$(MAKE) --no-print-directory SAN=0 BUILD=build build/bench/fairness
	build/bench/fairness

$(BUILD)/bench/fairness: tests/bench/fairness.c $(CORE_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(CORE_LIB) $(LDLIBS) -lm $(LDFLAGS)

BENCH_SRC = tests/bench/bench.c tests/bench/tui_figures.c
$(BUILD)/bench/bench: $(BENCH_SRC) tests/bench/bench.h $(CORE_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $(BENCH_SRC) $(CORE_LIB) $(LDLIBS) $(LDFLAGS)

# The bash completion is made by the binary from its own command table.
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR) $(DESTDIR)$(DATADIR)/programmes $(DESTDIR)$(DATADIR)/rosters $(DESTDIR)$(COMPDIR)
	install -m 0755 $(BIN) $(DESTDIR)$(BINDIR)/rostrum
	./$(BIN) completion > $(DESTDIR)$(COMPDIR)/rostrum && chmod 0644 $(DESTDIR)$(COMPDIR)/rostrum
	install -m 0644 man/rostrum.1 $(DESTDIR)$(MANDIR)/rostrum.1
	install -m 0644 config/rostrum.conf $(DESTDIR)$(DATADIR)/rostrum.conf.example
	install -m 0644 data/programmes/* $(DESTDIR)$(DATADIR)/programmes/
	install -m 0644 data/rosters/* $(DESTDIR)$(DATADIR)/rosters/

# Removes exactly what install put there, and the folders it made if empty.
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/rostrum $(DESTDIR)$(MANDIR)/rostrum.1 $(DESTDIR)$(COMPDIR)/rostrum
	-rmdir $(DESTDIR)$(COMPDIR) $(DESTDIR)$(PREFIX)/share/bash-completion 2>/dev/null
	rm -f $(DESTDIR)$(DATADIR)/rostrum.conf.example
	rm -f $(addprefix $(DESTDIR)$(DATADIR)/programmes/,$(notdir $(wildcard data/programmes/*)))
	rm -f $(addprefix $(DESTDIR)$(DATADIR)/rosters/,$(notdir $(wildcard data/rosters/*)))
	-rmdir $(DESTDIR)$(DATADIR)/programmes $(DESTDIR)$(DATADIR)/rosters $(DESTDIR)$(DATADIR) 2>/dev/null
	@# Under a staging DESTDIR, the folders install made go too (when empty).
	@if [ -n "$(DESTDIR)" ]; then for d in $(BINDIR) $(MANDIR) $(DATADIR) $(COMPDIR); do \
	  while [ "$$d" != / ] && [ "$$d" != . ] && rmdir "$(DESTDIR)$$d" 2>/dev/null; do d=$$(dirname "$$d"); done; \
	done; rmdir "$(DESTDIR)" 2>/dev/null || true; fi

clean:
	rm -rf build rostrum

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
