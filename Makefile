# agentd — plain Makefile.
#
#   make            build ./agentd
#   make run        install missing Debian packages, build, serve the demo
#   make test       build and run every test (unit, end-to-end, corpus, fuzz)
#   make test SANITIZE=1      the same under AddressSanitizer + UBSan
#   make bench      benchmarks (see docs/benchmarks.md)
#   make compile_commands.json   for clangd / clang-tidy (needs bear)
#   make format-check            clang-format check of src/ and tests/

CC ?= gcc
PKGS := libmicrohttpd jansson sqlite3 libcurl libsodium
VERSION := $(shell cat VERSION 2>/dev/null || echo 0.0.0)

WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
        -Wmissing-prototypes -Wformat=2 -Wno-format-nonliteral \
        -Wvla -Wpointer-arith -Wno-missing-field-initializers
BASE_CFLAGS := -std=c11 -D_GNU_SOURCE -g -Isrc $(WARN) \
               -DAGENTD_VERSION=\"$(VERSION)\" \
               $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread -lm

ifdef SANITIZE
  ifeq ($(SANITIZE),1)
    override SANITIZE := address,undefined
  endif
  BUILD ?= build/sanitize
  OPT := -O1 -fno-omit-frame-pointer -fsanitize=$(SANITIZE) \
         -fno-sanitize-recover=all
  LDOPT := -fsanitize=$(SANITIZE)
else
  BUILD ?= build/release
  OPT := -O2
  LDOPT :=
endif

CFLAGS_ALL := $(BASE_CFLAGS) $(OPT) $(CFLAGS)
LDFLAGS_ALL := $(LDOPT) $(LDFLAGS)

SRC := $(sort $(wildcard src/*/*.c))
OBJ := $(SRC:%.c=$(BUILD)/%.o)
LIB := $(BUILD)/libagentd.a
BIN := $(BUILD)/agentd

UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all run test unit e2e corpus fuzz bench deps deps-test clean \
        format-check tidy
.DEFAULT_GOAL := all

all: agentd

# ./agentd always points at the release build; sanitizer builds stay in
# their own directory so that the two never mix objects.
agentd: $(BIN)
ifndef SANITIZE
	@ln -sf $(BIN) agentd
endif

# V=1 shows the full compiler command lines.
ifeq ($(V),1)
  Q :=
  SAY := @true
else
  Q := @
  SAY := @printf '  %-6s %s\n'
endif

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(SAY) CC $<
	$(Q)$(CC) $(CFLAGS_ALL) -MMD -MP -c $< -o $@

$(LIB): $(OBJ)
	@rm -f $@
	$(SAY) AR $@
	$(Q)ar rcs $@ $^

$(BIN): $(BUILD)/src/main.o $(LIB)
	$(SAY) LINK $@
	$(Q)$(CC) $(LDFLAGS_ALL) -o $@ $^ $(LIBS)

$(BUILD)/src/main.o: src/main.c
	@mkdir -p $(dir $@)
	$(SAY) CC $<
	$(Q)$(CC) $(CFLAGS_ALL) -MMD -MP -c $< -o $@

$(BUILD)/tests/%: tests/unit/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(SAY) CC $<
	$(Q)$(CC) $(CFLAGS_ALL) -Itests/unit -o $@ $< $(LIB) $(LDFLAGS_ALL) \
	    $(LIBS) -lcmocka

$(BUILD)/bench/%: bench/*/%.c bench/bench_util.h $(LIB)
	@mkdir -p $(dir $@)
	$(SAY) CC $<
	$(Q)$(CC) $(CFLAGS_ALL) -o $@ $< $(LIB) $(LDFLAGS_ALL) $(LIBS)

deps:
	@scripts/deps.sh build

deps-test:
	@scripts/deps.sh test

run: deps
	@$(MAKE) --no-print-directory agentd
	@scripts/run-demo.sh

unit: $(UNIT_BIN)
	@tests/run-unit.sh $(UNIT_BIN)

test: deps-test
	@$(MAKE) --no-print-directory agentd $(UNIT_BIN)
	@BUILD=$(BUILD) SANITIZE=$(SANITIZE) FUZZ_SECONDS=$(FUZZ_SECONDS) \
	    tests/run-all.sh $(UNIT_BIN)

e2e: $(BIN)
	@AGENTD_BIN=$(BIN) tests/run-e2e.sh

corpus: $(BIN)
	@tests/run-corpus.sh $(BIN)

fuzz:
	@tests/fuzz/run.sh

bench:
	@scripts/deps.sh bench
	@$(MAKE) --no-print-directory agentd
	@bench/run-all.sh

compile_commands.json:
	bear -- $(MAKE) -B all

format-check:
	clang-format --dry-run --Werror src/*/*.c src/*/*.h src/main.c \
	    tests/unit/*.c tests/fuzz/*.c

tidy: compile_commands.json
	clang-tidy -p . src/*/*.c src/main.c

clean:
	rm -rf build agentd

-include $(OBJ:.o=.d) $(BUILD)/src/main.d
