# Packaging targets for 村记 (see packaging/README.md). Included by the top-level Makefile.
#   make package          Windows setup.exe + Linux amd64 and arm64 tar.xz and .deb in dist/
#                         (Linux: glibc 2.28, for UOS 20 and Kylin V10 too)
#   make package-check    inspects, installs, runs and removes what `make package` made
#   make package-linux / package-arm64 / package-windows   one of them
#   make sign CERT=… KEY=…  Authenticode-signs the Windows files (osslsigncode)
# Each step installs the Debian packages it needs when they are missing.

# The version lives in FyneApp.toml only (the Makefile may already have read it).
ifeq ($(strip $(VERSION)),)
VERSION := $(shell sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml | head -1)
endif
PKG_BUILD := $(shell sed -n 's/^Build *= *\([0-9][0-9]*\).*/\1/p' FyneApp.toml | head -1)
PKG_ENV := VERSION='$(VERSION)' BUILD='$(or $(PKG_BUILD),1)' GO='$(or $(GO),go)' SOURCE='$(or $(SOURCE),head)'

SETUP_EXE := dist/cunji-$(VERSION)-windows-amd64-setup.exe
LINUX_TAR := dist/cunji-$(VERSION)-linux-amd64.tar.xz
LINUX_DEB := dist/cunji_$(VERSION)_amd64.deb
ARM64_TAR := dist/cunji-$(VERSION)-linux-arm64.tar.xz
ARM64_DEB := dist/cunji_$(VERSION)_arm64.deb

.PHONY: package package-windows package-linux package-arm64 package-check sign package-clean

package: package-windows package-linux package-arm64
	@ls -l $(SETUP_EXE) $(LINUX_TAR) $(LINUX_DEB) $(ARM64_TAR) $(ARM64_DEB)

package-windows:
	$(PKG_ENV) bash packaging/scripts/build-windows.sh

package-linux:
	$(PKG_ENV) bash packaging/scripts/build-linux.sh amd64

package-arm64:
	$(PKG_ENV) bash packaging/scripts/build-linux.sh arm64

package-check:
	$(PKG_ENV) bash packaging/scripts/package-check.sh

sign:
	$(PKG_ENV) CERT='$(CERT)' KEY='$(KEY)' PASS='$(PASS)' TIMESTAMP_URL='$(TIMESTAMP_URL)' \
		bash packaging/scripts/sign.sh

package-clean:
	rm -rf dist/stage dist/windows dist/cunji-* dist/cunji_* dist/deb-shot* dist/build-times.tsv
