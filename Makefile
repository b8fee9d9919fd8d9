# Clan OS: build, run, debug, grade and test from one place.
# `make help` lists the targets. LAB=n selects the lab stage (default: the
# highest); SOL=k includes exercise solutions up to lab k (default: LAB).

LAST_LAB := $(shell ls labs | sed -n "s/^lab\([0-9]*\)\.mk$$/\1/p" | sort -n | tail -1)
LAB ?= $(LAST_LAB)
SOL ?= $(LAB)
include labs/lab$(LAB).mk

# One build directory per stage, so stages never mix objects.
B := build/lab$(LAB)$(if $(filter-out $(LAB),$(SOL)),-sol$(SOL))

CC := gcc
HOSTCC := gcc
LD := ld
OBJCOPY := objcopy
PYTHON := python3
QEMU := qemu-system-x86_64
BOCHS := bochs

ARGS ?=
QEMUEXTRA ?=
MEM ?= 128M
CPUS ?= $(LAB_CPUS)
GDBPORT := $(shell expr `id -u` % 5000 + 25000)

V ?= @
.DEFAULT_GOAL := all
.PHONY: all help deps qemu qemu-nox qemu-gdb qemu-nox-gdb print-qemu print-gdbport \
	print-qemuflags print-builddir \
	bochs gate grade grade-all grade-lab% handin unit test bench format format-check clean FORCE

include kernel/Makefrag
include kernel/boot/Makefrag
include kernel/test/Makefrag
-include labs/staff.mk

# From lab 6 on the programs of user/ are built and mkfs puts them in the image's
# /bin, each with its manifest (user/Makefrag, mkfs --bin; before
# mkfs/Makefrag, which needs the list).
HAS_USER := $(shell test $(LAB) -ge 6 && echo yes)
ifeq ($(HAS_USER),yes)
include user/Makefrag
endif

# From lab 5 on a second disk holds the file system: $(FSIMG), built by mkfs
# from fsroot/, attached as a virtio-blk disk (BLKDEV=virtio, the default) or
# as the IDE primary slave (BLKDEV=ata). It persists across boots until
# fsroot/ or mkfs change.
IMAGES := $(B)/disk.img
FSIMG ?= $(B)/fs.img
BLKDEV ?= virtio
HAS_FS := $(shell test $(LAB) -ge 5 && echo yes)
ifeq ($(HAS_FS),yes)
include mkfs/Makefrag
IMAGES += $(FSIMG)
FS_QEMUFLAGS_ata := -drive file=$(FSIMG),format=raw,if=ide,index=1,media=disk
FS_QEMUFLAGS_virtio := -drive file=$(FSIMG),format=raw,if=none,id=fs -device virtio-blk-pci,drive=fs
FS_QEMUFLAGS := $(FS_QEMUFLAGS_$(BLKDEV))
BOCHS_FSDISK := ata0-slave: type=disk, path="$(FSIMG)", mode=flat
endif

all: $(IMAGES)

help:
	@echo "Clan OS, lab $(LAB) ($(LAB_NAME)). Targets:"
	@echo "  make qemu          build and boot in QEMU (serial console on this terminal)"
	@echo "  make qemu-nox      the same, never opening a window"
	@echo "  make qemu-gdb      boot paused for gdb on port $(GDBPORT); then run gdb here"
	@echo "  make bochs         boot the same disk image in Bochs (its debugger: 'c' to run)"
	@echo "  make gate          boot with gate=all; exit 0 only if every check passes"
	@echo "  make grade         grade this lab (make grade-lab1 ... for a given one; grade-all: every lab)"
	@echo "  make handin        pack your committed work and its grade to hand in"
	@echo "  make unit          host unit tests (Criterion)"
	@echo "  make test          everything CI runs: unit tests and every grader"
	@echo "  make bench         boot-time benchmark lines"
	@echo "  make print-qemu    the exact QEMU command line"
	@echo "Variables: LAB=n SOL=k ARGS=\"key=value ...\" MEM=128M CPUS=n EMU=qemu|bochs"
	@echo "           BLKDEV=virtio|ata (lab 5 on: how the file-system disk is attached)"
	@echo "           QEMUEXTRA=\"-d int,cpu_reset -D qemu.log\" (log every interrupt and reset)"

# Install what is missing (apt-get as root; otherwise print the command).
deps:
	$(V)tools/install-deps.sh

DISK ?= $(B)/disk.img
QEMUFLAGS = -machine pc -cpu $(or $(LAB_QEMU_CPU),qemu64) -m $(MEM) -smp $(CPUS) -no-reboot -net none \
	-drive file=$(DISK),format=raw,if=ide,index=0,media=disk \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 $(FS_QEMUFLAGS) $(LAB_QEMUFLAGS) $(QEMUEXTRA)
QEMU_SERIAL := -serial mon:stdio
QEMU_WINDOW := $(if $(DISPLAY),,-display none)

qemu: deps $(IMAGES)
	$(QEMU) $(QEMUFLAGS) $(QEMU_WINDOW) $(QEMU_SERIAL)

qemu-nox: deps $(IMAGES)
	@echo "*** Ctrl-a x quits QEMU."
	$(QEMU) $(QEMUFLAGS) -display none $(QEMU_SERIAL)

print-qemu:
	@echo $(QEMU) $(QEMUFLAGS) -display none $(QEMU_SERIAL)

print-gdbport:
	@echo $(GDBPORT)

# For the graders: the emulator settings of this stage, and where it is built.
print-qemuflags:
	@echo $(QEMUFLAGS)

print-builddir:
	@echo $(B)

.gdbinit: .gdbinit.tmpl FORCE
	$(V)sed -e "s/@GDBPORT@/$(GDBPORT)/" -e "s|@KERNEL@|$(B)/kernel.elf|" \
		-e "s|@LOADER@|$(B)/boot/stage2.elf|" $< > $@.tmp
	$(V)cmp -s $@.tmp $@ && rm $@.tmp || mv $@.tmp $@

qemu-gdb qemu-nox-gdb: deps $(IMAGES) .gdbinit
	@tools/gdb-hint.sh
	@echo "*** Now run 'gdb' in another window (port $(GDBPORT))."
	$(QEMU) $(QEMUFLAGS) -display none $(QEMU_SERIAL) -S -gdb tcp::$(GDBPORT)

$(B)/bochsrc: tools/bochsrc.tmpl FORCE
	$(V)mkdir -p $(@D)
	$(V)sed -e "s|@DISK@|$(B)/disk.img|" -e "s|@MEGS@|$(patsubst %M,%,$(MEM))|" \
		-e "s|@CPUS@|$(CPUS)|" -e "s|@SERIAL@|$(B)/bochs-serial.log|" \
		-e "s|@LOG@|$(B)/bochs.log|" -e "s|@DISPLAY@|term|" \
		-e 's|@FSDISK@|$(BOCHS_FSDISK)|' $< > $@

bochs: deps $(IMAGES) $(B)/bochsrc
	@echo "*** Bochs stops in its debugger first: type 'c' to run. Serial output: $(B)/bochs-serial.log"
	TERM=$${TERM:-xterm} $(BOCHS) -q -f $(B)/bochsrc

EMU ?= qemu
GRADEFLAGS ?=

gate: deps all
	$(V)$(PYTHON) grade/gate.py --lab $(LAB) --emu $(EMU)

grade: grade-lab$(LAB)

# Every lab's grader, each on its own stage of this tree.
grade-all: deps
	$(V)for n in $(sort $(patsubst labs/lab%.mk,%,$(wildcard labs/lab*.mk))); do \
		$(PYTHON) grade/grade-lab$$n --emu $(EMU) $(GRADEFLAGS) || exit 1; \
	done

# Pack the committed work with the grader's results, to hand in.
handin: deps
	$(V)test -z "$$(git status --porcelain 2>/dev/null)" && git rev-parse -q HEAD >/dev/null || \
		{ echo "handin: commit your work first (git status shows what is not committed)"; exit 1; }
	-$(V)$(PYTHON) grade/grade-lab$(LAB) --results lab$(LAB)-results.json
	$(V)git archive --format=tar.gz -o lab$(LAB)-handin.tar.gz HEAD
	@echo "handin: wrote lab$(LAB)-handin.tar.gz and lab$(LAB)-results.json"

# The grader builds the stage it grades (SOL only if given on the command line).
grade-lab%: deps
	$(V)$(PYTHON) grade/grade-lab$* --emu $(EMU) $(if $(filter command line,$(origin SOL)),--sol $(SOL)) $(GRADEFLAGS)

test: deps
	$(V)$(PYTHON) tools/run-tests.py

bench: deps all
	$(V)$(PYTHON) grade/bench.py --lab $(LAB)

KERNEL_C_FILES = $$(git ls-files 'kernel/*.c' 'kernel/*.h')

format:
	clang-format -i $(KERNEL_C_FILES)

# Lists the files that differ from .clang-format; fails if there are any.
format-check:
	$(V)bad=0; for f in $(KERNEL_C_FILES); do \
		clang-format "$$f" | cmp -s "$$f" - || { echo "not formatted: $$f"; bad=1; }; \
	done; [ $$bad = 0 ] && echo "1 passed, 0 failed" || { echo "0 passed, 1 failed"; exit 1; }

clean:
	rm -rf build .gdbinit

FORCE:
