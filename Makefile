# Makefile: the toolkit's only entry point (GNU make).
#
#   make                 build every tool present under src/ into bin/
#   make check           build, then run every test (t/unit and t/*.sh) with prove
#   make check SAN=1     the same with AddressSanitizer and UBSan
#   make demo            show the toolkit at work on its embedded defaults
#   make install         PREFIX=/usr/local DESTDIR= : binaries and man pages
#   make fuzz            run every fuzz target for FUZZ_TIME seconds (clang)
#   make lint            cppcheck over lib/ and src/
#   make perf            run the benchmarks in t/perf/ (not part of check)
#   make WITH_CURL=0 WITH_SQLITE=0   build without the optional libraries

# The tools, listed once. A tool is built when src/TOOL/ exists.
ALL_TOOLS = teelog daemonrun healthcheck plotq tmuxopen pbroute daemonctl
TOOLS := $(filter $(ALL_TOOLS),$(notdir $(wildcard src/*)))

VERSION = 0.1.0

.DEFAULT_GOAL := all

include mk/flags.mk
include mk/config.mk
include mk/lib.mk
include mk/tools.mk
include mk/test.mk
include mk/install.mk
include mk/fuzz.mk
include mk/demo.mk
include mk/perf.mk
