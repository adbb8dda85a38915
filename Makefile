# SPDX-License-Identifier: GPL-2.0
# mdscope developer console.
#
#   make run          install what is missing, build, load the module, run mdscope
#   make check        install what is missing, build, run every test suite
#   make              build the mdscope command
#   make module       build mdscope.ko for KERNELRELEASE (default: running kernel)
#   make install      the command, plugins, man page, systemd units and
#                     Prometheus rules (PREFIX=/usr/local, DESTDIR)
#   make module-install / dkms-install / clean / benchmark
#   make check-debugkernel  every VM case on the debug kernel (KASAN, lockdep,
#                     kmemleak, ...); tests/run's debugkernel suite runs a subset
#   make check-debugkernel-6.12  the same on a debug kernel from linux-source-6.12
#   make regen        rewrite the generated files: the tables from
#                     userspace/gen/data (DATA=DIR to name another copy), the
#                     UAPI header and both sides' netlink policies from
#                     module/mdscope.yaml (tests/build/suite fails when stale)
#
# KERNELRELEASE selects the kernel, KDIR its build tree; W=1 is passed on.

KERNELRELEASE ?= $(shell uname -r)
KDIR ?= /lib/modules/$(KERNELRELEASE)/build
MDSCOPE_VERSION ?= $(shell git -C $(CURDIR) describe --tags --always --dirty 2>/dev/null | sed 's/^v//')
DKMS_VERSION := $(shell sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' $(CURDIR)/dkms.conf)
PREFIX ?= /usr/local

# Debian packages: what the command needs at run time, what building and
# testing need on top.
RUNTIME_PKGS := libnl-3-200 libnl-genl-3-200 libkmod2 libvirt0 libxml2 libarchive13 \
	libjson-c5 libyajl2 libsmartcols1 kmod
BUILD_PKGS := gcc make pkgconf libnl-3-dev libnl-genl-3-dev libkmod-dev \
	libvirt-dev libxml2-dev libjson-c-dev libyajl-dev libsmartcols-dev libarchive-dev \
	dkms linux-headers-amd64
TEST_PKGS := libcmocka-dev qemu-system-x86 seabios busybox-static cpio xz-utils jq kmod \
	linux-image-amd64 linux-headers-amd64 \
	linux-image-6.12-amd64 linux-headers-6.12-amd64 \
	linux-source-6.1 bison flex libelf-dev bc libssl-dev python3 python3-yaml \
	libvirt-daemon libvirt-daemon-driver-qemu libvirt-daemon-system \
	libvirt-clients libnl-utils spectre-meltdown-checker hyperfine jq \
	python3-oslo.config python3-nova iucode-tool prometheus prometheus-node-exporter \
	systemd curl cpuid clang libclang-rt-14-dev valgrind

.PHONY: regen all userspace install module module-install dkms-install deps deps-test run \
	check check-debugkernel check-debugkernel-6.12 unit benchmark clean

all: userspace

userspace:
	$(MAKE) -C userspace MDSCOPE_VERSION='$(MDSCOPE_VERSION)'

install:
	$(MAKE) -C userspace MDSCOPE_VERSION='$(MDSCOPE_VERSION)' PREFIX='$(PREFIX)' install

module:
	$(MAKE) -C $(KDIR) M=$(CURDIR) MDSCOPE_VERSION='$(MDSCOPE_VERSION)' modules

module-install: module
	$(MAKE) -C $(KDIR) M=$(CURDIR) INSTALL_MOD_DIR=updates modules_install
	depmod -a $(KERNELRELEASE)

# Copy the module sources to /usr/src and let DKMS build and install them.
dkms-install:
	rm -rf /usr/src/mdscope-$(DKMS_VERSION)
	mkdir -p /usr/src/mdscope-$(DKMS_VERSION)
	cp -r Kbuild Makefile dkms.conf module /usr/src/mdscope-$(DKMS_VERSION)/
	dkms status -m mdscope -v $(DKMS_VERSION) | grep -q . || \
		dkms add -m mdscope -v $(DKMS_VERSION)
	dkms build -m mdscope -v $(DKMS_VERSION) -k $(KERNELRELEASE)
	dkms install -m mdscope -v $(DKMS_VERSION) -k $(KERNELRELEASE) --force

deps:
	@tests/lib/apt-ensure $(RUNTIME_PKGS) $(BUILD_PKGS)

deps-test: deps
	@tests/lib/apt-ensure $(TEST_PKGS)

# The main job on this machine: build, load the module if this kernel lets
# us, and report.
run: deps
	$(MAKE) userspace
	@if [ -d /sys/module/mdscope ]; then \
		echo "mdscope: mdscope.ko is already loaded" >&2; \
	elif ! $(MAKE) -s module >/dev/null 2>&1; then \
		echo "mdscope: cannot build mdscope.ko for $(KERNELRELEASE) (no headers in $(KDIR)?); reporting without it" >&2; \
	elif ! err=$$(insmod ./mdscope.ko 2>&1); then \
		echo "mdscope: cannot load mdscope.ko ($$err); reporting without it" >&2; \
	fi
	./userspace/mdscope

# Every test suite; the last line counts them all.
check: deps-test
	$(MAKE) userspace
	tests/run

check-debugkernel: deps-test
	$(MAKE) userspace
	tests/debugkernel/suite --all

check-debugkernel-6.12: deps-test
	@tests/lib/apt-ensure linux-source-6.12
	$(MAKE) userspace
	tests/debugkernel/suite --series 6.12 --all

unit:
	$(MAKE) userspace
	tests/run unit

benchmark: deps-test
	$(MAKE) userspace
	tests/bench/run

regen:
	$(MAKE) -C userspace/gen regen $(if $(DATA),DATA=$(DATA))

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR) clean 2>/dev/null
	$(MAKE) -C userspace clean
	$(MAKE) -C tests/unit clean
	$(MAKE) -C tests/fuzz clean
	rm -rf tests/sanitize/build
