// Finds the vDSO's __vdso_clock_gettime for include/vine/vdso_clock.h, which
// hot exports call without a convention change. The vDSO is a small ELF
// image the kernel maps into every process (AT_SYSINFO_EHDR); its dynamic
// symbol table names the entry points.
#include <elf.h>
#include <sys/auxv.h>

#include <cstring>

#include "vine/vdso_clock.h"

int (*vine_vdso_clock_gettime)(clockid_t, timespec*) = nullptr;

namespace {

void* find_vdso_symbol(const char* wanted) {
    auto base = getauxval(AT_SYSINFO_EHDR);
    if (!base) return nullptr;
    auto* header = reinterpret_cast<const Elf64_Ehdr*>(base);
    if (memcmp(header->e_ident, ELFMAG, SELFMAG) != 0 || header->e_ident[EI_CLASS] != ELFCLASS64) return nullptr;
    // Symbol values are relative to the image's first PT_LOAD address.
    auto* programs = reinterpret_cast<const Elf64_Phdr*>(base + header->e_phoff);
    Elf64_Addr load_address = 0;
    bool have_load = false;
    for (int i = 0; i < header->e_phnum; ++i) {
        if (programs[i].p_type == PT_LOAD) {
            load_address = programs[i].p_vaddr;
            have_load = true;
            break;
        }
    }
    if (!have_load || header->e_shoff == 0) return nullptr;
    auto* sections = reinterpret_cast<const Elf64_Shdr*>(base + header->e_shoff);
    for (int i = 0; i < header->e_shnum; ++i) {
        if (sections[i].sh_type != SHT_DYNSYM || sections[i].sh_link >= header->e_shnum) continue;
        auto* symbols = reinterpret_cast<const Elf64_Sym*>(base + sections[i].sh_offset);
        auto* names = reinterpret_cast<const char*>(base + sections[sections[i].sh_link].sh_offset);
        size_t count = sections[i].sh_entsize ? sections[i].sh_size / sections[i].sh_entsize : 0;
        for (size_t s = 0; s < count; ++s) {
            if (symbols[s].st_shndx == SHN_UNDEF || ELF64_ST_TYPE(symbols[s].st_info) != STT_FUNC) continue;
            if (strcmp(names + symbols[s].st_name, wanted) == 0)
                return reinterpret_cast<void*>(base + symbols[s].st_value - load_address);
        }
    }
    return nullptr;
}

// Before main, so before any DLL's code can run.
[[maybe_unused]] const bool resolved = [] {
    vine_vdso_clock_gettime =
        reinterpret_cast<int (*)(clockid_t, timespec*)>(find_vdso_symbol("__vdso_clock_gettime"));
    return true;
}();

}  // namespace
