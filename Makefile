# netaudit: build, test, benchmark and demo. Targets that need Debian packages
# install the missing ones when run as root, or print the apt-get line when not.
PREFIX ?= /usr/local
SWIFT ?= swift
CONFIG ?= release
BIN = .build/$(CONFIG)/netaudit
SYNTH = .build/$(CONFIG)/netaudit-synth
OUT ?= out

.PHONY: all build deps test-deps test bench bench-scan demo demo-offline install clean fuzz fuzz-ci lab-up lab-down tls-lab-up tls-lab-down bench-tls

all: build

deps:
	@scripts/ensure-packages.sh $$(cat scripts/packages-build.txt)

test-deps:
	@scripts/ensure-packages.sh $$(cat scripts/packages-test.txt)

build: deps
	$(SWIFT) build -c $(CONFIG) --product netaudit
	$(SWIFT) build -c $(CONFIG) --product netaudit-synth

# Unit, differential (tshark), robustness, live-namespace and end-to-end tests,
# then a short fuzzing run of the decoders.
# The seed policies (../shared/seeds beside the checkout) let the profile tests verify every quote.
SEEDS ?= $(abspath ../shared/seeds)

test: test-deps build
	NETAUDIT_BIN=$(abspath $(BIN)) NETAUDIT_SYNTH=$(abspath $(SYNTH)) NETAUDIT_SOURCES=$(SEEDS) $(SWIFT) test
	$(MAKE) fuzz-ci

bench: test-deps build
	scripts/bench.sh

# Active scan against a 250-host namespace lab (root), netaudit vs arp-scan and nmap.
bench-scan: test-deps build
	scripts/bench-scan.sh

# The lab office audited in one command (root); without root it falls back to demo-offline.
demo: test-deps build
	scripts/demo.sh

# The synthetic office capture audited offline: no namespaces, no traffic.
demo-offline: test-deps build
	scripts/demo-offline.sh

install: build
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/netaudit/profiles
	install -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/bin/netaudit
	install -m 0644 profiles/*.yaml $(DESTDIR)$(PREFIX)/share/netaudit/profiles/

clean:
	rm -rf .build $(OUT) fuzz-packets

fuzz: deps
	scripts/fuzz.sh $${FUZZ_SECONDS:-600}

fuzz-ci: deps
	scripts/fuzz.sh $${FUZZ_SECONDS:-60}

# The namespace lab office (root only): a bridge and a dozen hosts on 198.18.0.0/24, no route out.
lab-up: test-deps build
	scripts/lab.sh up

lab-down:
	scripts/lab.sh down

# The TLS lab (root only): servers with planted weaknesses on 198.19.20.0/24 in namespaces (docs/tls-lab.md).
tls-lab-up: test-deps
	scripts/tls-lab.sh up

tls-lab-down:
	scripts/tls-lab.sh down

# netaudit tls vs sslyze and nmap on the TLS lab (root): times and a weakness-by-tool grid. A failed
# build stops it (a benchmark of a stale binary would be a false claim).
bench-tls: test-deps
	$(SWIFT) build -c $(CONFIG) --product netaudit
	NETAUDIT_BIN=$(abspath $(BIN)) scripts/bench-tls.sh
