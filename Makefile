# The two commands (see README): `make run` and `make test`.
# Both install missing Debian packages first, then configure and build.

BUILD      ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 45
JOBS       ?= $(shell nproc)
SDESK       = $(BUILD)/sdesk

.PHONY: all deps build run test test-asan fuzz ci bench deb clean

all: build

deps:
	@scripts/install-deps

$(BUILD)/build.ninja: | deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS)

build: deps $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

# The quick-start scenario on a fresh embedded store (a temporary directory).
run: build
	@SDESK=$(SDESK) examples/quickstart.sh

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

# The same suite under AddressSanitizer and UndefinedBehaviorSanitizer.
test-asan: deps
	cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug \
	  -DSDESK_SANITIZERS=address,undefined -DSDESK_DEV_MODE=ON
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	ctest --test-dir $(ASAN_BUILD) --output-on-failure -j $(JOBS)

# Each libFuzzer target (tests/fuzz/) for FUZZ_SECONDS, built with clang,
# ASan and UBSan in $(FUZZ_BUILD); fails when one finds a crash.
fuzz:
	@scripts/install-deps --fuzz
	cmake -S . -B $(FUZZ_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 \
	  -DSDESK_FUZZ=ON -DSDESK_BUILD_TESTS=OFF -DSDESK_SANITIZERS=address,undefined $(FUZZ_CMAKE_FLAGS)
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target fuzz_targets
	tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

# The Debian package, $(BUILD)/sdesk_VERSION_ARCH.deb (packaging/package.cmake);
# install it with `sudo dpkg -i $(BUILD)/sdesk_*.deb`.
deb: build
	cd $(BUILD) && cpack -G DEB

bench: build
	@scripts/install-deps --bench
	bench/run.sh $(SDESK)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
