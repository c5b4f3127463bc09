# 村记 — the two set-up commands: `make run` and `make test`. Both install what is missing first.
SHELL := /bin/bash
export PATH := /usr/local/go/bin:$(HOME)/go/bin:$(PATH)
# Debian and Ubuntu builds of Go default to GOTOOLCHAIN=local; let go.mod's toolchain be fetched.
export GOTOOLCHAIN := auto
GO ?= go
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Fyne's GLFW driver needs cgo with the GL/X11/Wayland headers; the tests read PDFs with pdftotext and
# start the window on Xvfb (with and without Mesa's OpenGL) to check what a failed window start says.
BUILD_PKGS := gcc pkg-config libgl1-mesa-dev xorg-dev libwayland-dev libxkbcommon-dev
TEST_PKGS  := poppler-utils sqlite3 xvfb libgl1-mesa-dri

VERSION := $(shell sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml 2>/dev/null | head -1)
LDFLAGS := -X main.version=$(or $(VERSION),dev)

.PHONY: run test build deps go-check test-deps vet clean
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
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq $$missing; \
	fi
endef

deps:
	$(call apt_install,$(BUILD_PKGS))
	@$(MAKE) --no-print-directory go-check
	@$(GO) version
	$(GO) mod download

# go-check makes sure a Go toolchain that can build go.mod's version is there. Go 1.21 or newer fetches
# the exact toolchain go.mod names through the module proxy by itself (GOTOOLCHAIN=auto); Debian 12's own
# golang-go (1.19) cannot, so then Go must be installed from go.dev first.
go-check:
	@if ! command -v $(GO) >/dev/null; then \
		for v in 1.24 1.23 1.22; do \
			if apt-cache show golang-$$v-go >/dev/null 2>&1; then \
				$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq golang-$$v-go && \
				$(SUDO) ln -sf /usr/lib/go-$$v/bin/go /usr/local/bin/go && break; fi; \
		done; \
	fi; \
	if ! command -v $(GO) >/dev/null || ! $(GO) version | grep -qE 'go1\.(2[1-9]|[3-9][0-9])'; then \
		echo "村记需要 Go 1.26（或至少 1.21，它会自动下载 1.26）。请从 https://go.dev/dl/ 下载 go1.26 linux-amd64 并解压到 /usr/local/go，然后重试。"; \
		echo "Cunji needs Go 1.26 (or Go 1.21+, which fetches 1.26 itself): unpack go1.26 linux-amd64 from https://go.dev/dl/ into /usr/local/go and retry."; \
		exit 1; \
	fi

test-deps:
	$(call apt_install,$(TEST_PKGS))

clean:
	rm -f cunji cunji.exe

-include packaging/package.mk
