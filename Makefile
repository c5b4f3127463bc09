# 村记 — the two set-up commands: `make run` and `make test`. Both install what is missing first.
SHELL := /bin/bash
export PATH := /usr/local/go/bin:$(HOME)/go/bin:$(PATH)
GO ?= go
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Fyne's GLFW driver needs cgo with the GL/X11/Wayland headers; the tests read PDFs with pdftotext.
BUILD_PKGS := gcc pkg-config libgl1-mesa-dev xorg-dev libwayland-dev libxkbcommon-dev
TEST_PKGS  := poppler-utils sqlite3

VERSION := $(shell sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml 2>/dev/null | head -1)
LDFLAGS := -X main.version=$(or $(VERSION),dev)

.PHONY: run test build deps test-deps vet clean
.DEFAULT_GOAL := build

run: deps build
	./cunji

test: deps test-deps
	$(GO) vet ./...
	$(GO) test -count=1 ./...

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o cunji .

# apt_install installs the Debian packages among $(1) that are not installed yet.
define apt_install
	@missing=""; for p in $(1); do \
		dpkg-query -W -f='$${db:Status-Abbrev}\n' $$p 2>/dev/null | grep -q '^ii' || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get -o DPkg::Lock::Timeout=600 update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get -o DPkg::Lock::Timeout=600 install -y -qq $$missing; \
	fi
endef

deps:
	$(call apt_install,$(BUILD_PKGS))
	@command -v $(GO) >/dev/null || ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq golang-go)
	@$(GO) version
	$(GO) mod download

test-deps:
	$(call apt_install,$(TEST_PKGS))

clean:
	rm -f cunji cunji.exe

-include packaging/package.mk
