#!/usr/bin/env python3
"""elf_corpus: malformed ELF files for the lab 6 loader, each with the error it must get.

The base is a small, well-formed static executable made here byte by byte, not
by the course's compiler, so that every field the cases change is known: two
PT_LOAD segments (text r-x at 0x401000, data rw- at 0x402000 with a page of
bss beyond its file bytes) and a PT_GNU_STACK. Run, it writes GOOD_TEXT
through SYS_write, reads a word of its bss (which must be zero) and exits with
it as its status, so `run good` must end with "exited with status 0".

A second base, good_pie, is a static PIE (ET_DYN, loaded at 0x400000) with a
PT_DYNAMIC naming one R_X86_64_RELATIVE relocation: it prints GOOD_PIE_TEXT
through a pointer only that relocation makes right, and exits 0.

Each case changes a base in one way a loader must refuse before it maps
anything, and names the reason the kernel must print:

    exec: /bin/<case>: <reason>

Python 3 standard library only. Alone, `python3 grade/elf_corpus.py DIR`
writes the corpus into DIR/bin with a clan-exec-v1 manifest beside each file
(the digest the file really has) and lists the cases.
"""
import hashlib
import os
import struct
import sys

# The ELF64 header and program header (the System V ABI's layout).
EHDR = struct.Struct("<16sHHIQQQIHHHHHH")
PHDR = struct.Struct("<IIQQQQQQ")
EHDR_FIELDS = ("ident", "type", "machine", "version", "entry", "phoff", "shoff", "flags",
               "ehsize", "phentsize", "phnum", "shentsize", "shnum", "shstrndx")
PHDR_FIELDS = ("type", "flags", "offset", "vaddr", "paddr", "filesz", "memsz", "align")
PT_NULL, PT_LOAD, PT_DYNAMIC, PT_INTERP, PT_NOTE = 0, 1, 2, 3, 4
PT_GNU_STACK = 0x6474e551
PF_X, PF_W, PF_R = 1, 2, 4
ET_REL, ET_EXEC, ET_DYN = 1, 2, 3
EM_386, EM_X86_64 = 3, 62

# Where the base puts things (kernel/mm/uvm.h: user space is [USER_MIN, USER_TOP)).
USER_MIN = 0x10000
USER_TOP = 0x0000800000000000
USER_IMAGE_MAX = 64 << 20
KERNEL_ADDR = 0xffff800000000000
TEXT_VA, TEXT_OFF = 0x401000, 0x1000
DATA_VA, DATA_OFF = 0x402000, 0x2000
DATA_MEMSZ = 0x2000  # the data page and a page of bss
BSS_WORD = 0x403ff0  # read by the program: must be zero
GOOD_TEXT = b"corpus: a hand-made ELF file runs\n"
GOOD_PIE_TEXT = b"corpus: a hand-made static PIE runs, relocated\n"
ELF_PIE_BASE = 0x400000  # kernel/exec/elf.h: where a static PIE's address 0 goes
SYS_write, SYS_exit, SYS_wait, SYS_spawn = 1, 2, 3, 8  # kernel/sys/syscall_nr.h


SYSCALL = b"\x0f\x05"


def _mov_eax(value):
    return b"\xb8" + struct.pack("<I", value)


def _movabs_rdi(value):
    return b"\x48\xbf" + struct.pack("<Q", value)


def _movabs_rsi(value):
    return b"\x48\xbe" + struct.pack("<Q", value)


def _program():
    """The text segment: write(1, GOOD_TEXT, len); exit(*(uint32_t *)BSS_WORD)."""
    return b"".join([
        _mov_eax(SYS_write),
        b"\xbf" + struct.pack("<I", 1),                # mov edi, 1
        _movabs_rsi(DATA_VA),
        b"\xba" + struct.pack("<I", len(GOOD_TEXT)),   # mov edx, len
        SYSCALL,
        b"\x8b\x3c\x25" + struct.pack("<I", BSS_WORD),  # mov edi, [BSS_WORD]
        _mov_eax(SYS_exit),
        SYSCALL,
        b"\xeb\xfe",                                   # jmp . (exit never returns)
    ])


def executable(code, data, base=0, dynamic=None):
    """An ELF file: code at TEXT_VA (r-x), data at DATA_VA (rw-) followed by bss up to
    DATA_VA + DATA_MEMSZ, and a PT_GNU_STACK. With base, a static PIE (ET_DYN) whose
    addresses are base lower and whose PT_DYNAMIC is (offset in data, size)."""
    phdrs = [
        dict(type=PT_LOAD, flags=PF_R | PF_X, offset=TEXT_OFF, vaddr=TEXT_VA - base,
             filesz=len(code), memsz=len(code), align=0x1000),
        dict(type=PT_LOAD, flags=PF_R | PF_W, offset=DATA_OFF, vaddr=DATA_VA - base,
             filesz=len(data), memsz=DATA_MEMSZ, align=0x1000),
        dict(type=PT_GNU_STACK, flags=PF_R | PF_W, offset=0, vaddr=0, filesz=0, memsz=0,
             align=16),
    ]
    if dynamic:
        phdrs.append(dict(type=PT_DYNAMIC, flags=PF_R | PF_W, offset=DATA_OFF + dynamic[0],
                          vaddr=DATA_VA - base + dynamic[0], filesz=dynamic[1],
                          memsz=dynamic[1], align=8))
    ident = b"\x7fELF" + bytes([2, 1, 1, 0]) + bytes(8)  # 64-bit, little-endian, version 1
    ehdr = dict(ident=ident, type=ET_DYN if base else ET_EXEC, machine=EM_X86_64, version=1,
                entry=TEXT_VA - base, phoff=EHDR.size, shoff=0, flags=0, ehsize=EHDR.size,
                phentsize=PHDR.size, phnum=len(phdrs), shentsize=0, shnum=0, shstrndx=0)
    image = bytearray(DATA_OFF + len(data))
    _put_ehdr(image, ehdr)
    for i, ph in enumerate(phdrs):
        ph["paddr"] = ph["vaddr"]
        _put_phdr(image, ehdr, i, ph)
    image[TEXT_OFF:TEXT_OFF + len(code)] = code
    image[DATA_OFF:DATA_OFF + len(data)] = data
    return bytes(image)


# The static PIE's data: its text, a pointer to it that only a relocation makes right, the
# dynamic section naming the relocation table, and the table (one R_X86_64_RELATIVE).
PIE_SLOT, PIE_DYN, PIE_RELA = 0x40, 0x48, 0x100
DT_NULL, DT_RELA, DT_RELASZ, DT_RELAENT, DT_REL = 0, 7, 8, 9, 17
R_X86_64_RELATIVE = 8
RELA = struct.Struct("<QQq")
DYN = struct.Struct("<qQ")


def good_pie():
    """A well-formed static PIE (loaded at ELF_PIE_BASE): it prints GOOD_PIE_TEXT through a
    pointer its relocation fills, and exits 0."""
    base = ELF_PIE_BASE
    data = bytearray(PIE_RELA + RELA.size)
    data[:len(GOOD_PIE_TEXT)] = GOOD_PIE_TEXT
    dyn = [(DT_RELA, DATA_VA - base + PIE_RELA), (DT_RELASZ, RELA.size),
           (DT_RELAENT, RELA.size), (DT_NULL, 0)]
    for i, entry in enumerate(dyn):
        DYN.pack_into(data, PIE_DYN + i * DYN.size, *entry)
    RELA.pack_into(data, PIE_RELA, DATA_VA - base + PIE_SLOT, R_X86_64_RELATIVE,
                   DATA_VA - base)
    load = b"\x48\x8b\x35"  # mov rsi, [rip + disp32]: the slot
    before = _mov_eax(SYS_write) + b"\xbf" + struct.pack("<I", 1)
    disp = (DATA_VA + PIE_SLOT) - (TEXT_VA + len(before) + len(load) + 4)
    code = b"".join([before, load, struct.pack("<i", disp),
                     b"\xba" + struct.pack("<I", len(GOOD_PIE_TEXT)), SYSCALL,
                     _mov_eax(SYS_exit), b"\x31\xff", SYSCALL, b"\xeb\xfe"])
    return executable(code, bytes(data), base, (PIE_DYN, len(dyn) * DYN.size))


def good():
    """The well-formed base executable, as bytes."""
    return executable(_program(), GOOD_TEXT)


def spawner(jobs):
    """A program that spawns each job, a (path, [argv...], wait) tuple, in order, then waits
    for those with wait set, one after another, and exits 0; the others it leaves running."""
    data = bytearray()

    def put(blob):
        off = len(data)
        data.extend(blob)
        return off
    strings = [(put(path.encode() + b"\0"), [put(a.encode() + b"\0") for a in argv])
               for path, argv, _ in jobs]
    data.extend(bytes(-len(data) % 8))
    arrays = [put(b"".join(struct.pack("<Q", DATA_VA + o) for o in offs) + bytes(8))
              for _, offs in strings]
    slots = DATA_VA + 0x1000  # in the bss: each job's pid, then a status word
    status = slots + 8 * len(jobs)
    code = bytearray()
    for i, ((path, _), array) in enumerate(zip(strings, arrays)):
        code += _mov_eax(SYS_spawn) + _movabs_rdi(DATA_VA + path)
        code += _movabs_rsi(DATA_VA + array) + SYSCALL
        code += b"\x89\x04\x25" + struct.pack("<I", slots + 8 * i)  # mov [slot], eax
    for i, (_, _, wait) in enumerate(jobs):
        if wait:
            code += _mov_eax(SYS_wait)
            code += b"\x8b\x3c\x25" + struct.pack("<I", slots + 8 * i)  # mov edi, [slot]
            code += _movabs_rsi(status) + SYSCALL
    code += _mov_eax(SYS_exit) + b"\x31\xff" + SYSCALL + b"\xeb\xfe"  # exit(0); jmp .
    return executable(bytes(code), bytes(data))


def _get_ehdr(image):
    return dict(zip(EHDR_FIELDS, EHDR.unpack_from(image, 0)))


def _put_ehdr(image, ehdr):
    EHDR.pack_into(image, 0, *(ehdr[f] for f in EHDR_FIELDS))


def _get_phdr(image, i):
    ehdr = _get_ehdr(image)
    return dict(zip(PHDR_FIELDS, PHDR.unpack_from(image, ehdr["phoff"] + i * PHDR.size)))


def _put_phdr(image, ehdr, i, ph):
    PHDR.pack_into(image, ehdr["phoff"] + i * PHDR.size, *(ph[f] for f in PHDR_FIELDS))


def _ehdr(**changes):
    """A mutation setting fields of the ELF header."""
    def mutate(image):
        ehdr = _get_ehdr(image)
        ehdr.update(changes)
        _put_ehdr(image, ehdr)
        return image
    return mutate


def _ident(index, value):
    """A mutation setting one byte of e_ident."""
    def mutate(image):
        image[index] = value
        return image
    return mutate


def _phdr(i, **changes):
    """A mutation setting fields of program header i (0-based; the kernel counts from 1)."""
    def mutate(image):
        ph = _get_phdr(image, i)
        ph.update(changes)
        _put_phdr(image, _get_ehdr(image), i, ph)
        return image
    return mutate


def _truncate(size):
    def mutate(image):
        return image[:size]
    return mutate


def _no_load(image):
    for i in range(_get_ehdr(image)["phnum"]):
        if _get_phdr(image, i)["type"] == PT_LOAD:
            _phdr(i, type=PT_NOTE)(image)
    return image


def _pie_rela(**changes):
    """A mutation of the static PIE's one relocation."""
    def mutate(image):
        off = DATA_OFF + PIE_RELA
        r = dict(zip(("offset", "info", "addend"), RELA.unpack_from(image, off)))
        r.update(changes)
        RELA.pack_into(image, off, r["offset"], r["info"], r["addend"])
        return image
    return mutate


def _pie_dyn(index, tag, value):
    """A mutation of the static PIE's dynamic entry index."""
    def mutate(image):
        DYN.pack_into(image, DATA_OFF + PIE_DYN + index * DYN.size, tag, value)
        return image
    return mutate


# (name, what the case is, mutation, the reason the kernel prints after "exec: /bin/<name>: ").
# Segments are numbered from 1 in messages, as in readelf's listing order.
CASES = [
    ("empty", "a file of no bytes", _truncate(0), "empty file"),
    ("short", "a file shorter than the ELF header", _truncate(40),
     "too short for an ELF header (40 bytes)"),
    ("badmagic", "\\x7fELX instead of \\x7fELF", _ident(3, ord("X")), "bad magic"),
    ("elf32", "ELFCLASS32", _ident(4, 1), "not 64-bit"),
    ("bigendian", "ELFDATA2MSB", _ident(5, 2), "not little-endian"),
    ("badversion", "e_version 2", _ehdr(version=2), "unknown ELF version"),
    ("i386", "e_machine EM_386", _ehdr(machine=EM_386), "not x86-64 (machine 3)"),
    ("relocatable", "an object file, ET_REL", _ehdr(type=ET_REL), "not an executable (type 1)"),
    ("phentsize", "e_phentsize 32", _ehdr(phentsize=32), "program header size 32, not 56"),
    ("phmany", "e_phnum 4096", _ehdr(phnum=4096), "too many program headers (4096, at most 32)"),
    ("phoutside", "program headers past the end of the file", _ehdr(phoff=0x10000),
     "program headers outside the file"),
    ("interp", "a PT_INTERP segment (asks for a dynamic linker)", _phdr(2, type=PT_INTERP),
     "dynamically linked (PT_INTERP): only static programs run"),
    ("noload", "no PT_LOAD segment", _no_load, "no loadable segment"),
    ("filesz", "p_filesz larger than p_memsz", _phdr(1, filesz=0x3000, memsz=0x2000),
     "segment 2: p_filesz > p_memsz"),
    ("segoutside", "segment 2's bytes past the end of the file", _phdr(1, offset=0x10000),
     "segment 2: file range outside the file"),
    ("unaligned", "p_vaddr and p_offset differ modulo the page",
     _phdr(1, vaddr=DATA_VA + 8, paddr=DATA_VA + 8),
     "segment 2: misaligned (p_vaddr % 4096 != p_offset % 4096)"),
    ("kernaddr", "segment 2 at a kernel address", _phdr(1, vaddr=KERNEL_ADDR, paddr=KERNEL_ADDR),
     "segment 2: outside user space"),
    ("lowaddr", "segment 1 at page 0", _phdr(0, vaddr=0, paddr=0),
     "segment 1: outside user space"),
    ("wrap", "segment 2's end wraps around", _phdr(1, memsz=(1 << 64) - 0x1000),
     "segment 2: outside user space"),
    ("wx", "segment 2 writable and executable", _phdr(1, flags=PF_R | PF_W | PF_X),
     "segment 2: writable and executable"),
    ("overlap", "segment 2 starts inside segment 1", _phdr(1, vaddr=TEXT_VA, paddr=TEXT_VA),
     "segment 2 overlaps segment 1"),
    ("sharepage", "segment 2 in segment 1's last page, not overlapping it",
     _phdr(1, offset=TEXT_OFF + 0x800, vaddr=TEXT_VA + 0x800, paddr=TEXT_VA + 0x800,
           memsz=0x800),
     "segment 2 shares a page with segment 1"),
    ("huge", "segments spanning more than USER_IMAGE_MAX", _phdr(1, memsz=USER_IMAGE_MAX),
     "image larger than 64 MiB"),
    ("entry", "the entry point in the data segment", _ehdr(entry=DATA_VA),
     "entry point 0x402000 not in an executable segment"),
]

# The same for the static PIE, good_pie().
PIE_CASES = [
    ("reltype", "a relocation of type R_X86_64_JUMP_SLOT", _pie_rela(info=7),
     "relocation 0: type 7 symbol 0 not supported (only RELATIVE, 64 against symbol 0)"),
    ("reltext", "a relocation into the text segment", _pie_rela(offset=TEXT_VA - ELF_PIE_BASE),
     "relocation 0: target 0x%x not in a writable segment" % TEXT_VA),
    ("dtrel", "DT_REL instead of DT_RELA", _pie_dyn(0, DT_REL, DATA_VA - ELF_PIE_BASE + PIE_RELA),
     "DT_REL relocations are not supported (only DT_RELA)"),
    ("relaent", "DT_RELAENT 16", _pie_dyn(2, DT_RELAENT, 16),
     "bad relocation table size (24 bytes of 16)"),
    ("relaoutside", "DT_RELA pointing outside every segment", _pie_dyn(0, DT_RELA, 0x9000),
     "relocation table outside the file's segments"),
]


def build(case):
    """The bytes of one case (a name from CASES or PIE_CASES)."""
    for base, cases in ((good, CASES), (good_pie, PIE_CASES)):
        for name, _, mutate, _ in cases:
            if name == case:
                return bytes(mutate(bytearray(base())))
    raise KeyError(case)


def digest(data):
    return "sha256:" + hashlib.sha256(data).hexdigest()


def manifest(name, data, trust="user", owner="root"):
    """A clan-exec-v1 manifest for /bin/<name> holding data (kernel/exec/exec.h)."""
    return ("clan-exec-v1\nname=%s\nimage=/bin/%s\ntrust=%s\nowner=%s\ndigest=%s\n"
            % (name, name, trust, owner, digest(data)))


def write_program(bindir, name, data, manifest_text=None):
    """bindir/<name> (mode 755) and bindir/<name>.manifest (the right digest unless
    manifest_text is given)."""
    path = os.path.join(bindir, name)
    with open(path, "wb") as f:
        f.write(data)
    os.chmod(path, 0o755)
    with open(path + ".manifest", "w") as f:
        f.write(manifest_text if manifest_text is not None else manifest(name, data))


def write_corpus(bindir):
    """Every case, "good" and "goodpie" into bindir with correct manifests; returns
    [(name, description, reason)] of the cases."""
    os.makedirs(bindir, exist_ok=True)
    write_program(bindir, "good", good())
    write_program(bindir, "goodpie", good_pie())
    for name, what, _, reason in CASES + PIE_CASES:
        write_program(bindir, name, build(name))
    return [(name, what, reason) for name, what, _, reason in CASES + PIE_CASES]


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: elf_corpus.py DIR   (writes DIR/bin/<case> and its manifest)")
    for name, what, reason in write_corpus(os.path.join(sys.argv[1], "bin")):
        print("%-12s %-55s exec: /bin/%s: %s" % (name, what, name, reason))


if __name__ == "__main__":
    main()
