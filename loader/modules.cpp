// The module list and the load path shared by the EXE, native DLLs and
// builtin DLLs: find, map, bind imports, initialize, unload.
#include <dlfcn.h>
#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <dirent.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <mutex>

#include "api_sets.h"
#include "builtin_placement.h"
#include "image_layout.h"
#include "import_binding.h"
#include "module.h"
#include "relay.h"
#include "vine/debug.h"
#include "vine/loader.h"
#include "vine/memory.h"
#include "vine/ntstatus.h"
#include "vine/paths.h"
#include "vine/server_client.h"
#include "vine/unicode.h"
#include "vine/virtual_memory.h"

namespace vine::loader {
namespace {

constexpr DWORD ERROR_MOD_NOT_FOUND = 126;
constexpr DWORD ERROR_PROC_NOT_FOUND = 127;
constexpr DWORD ERROR_BAD_EXE_FORMAT = 193;
constexpr DWORD ERROR_DLL_INIT_FAILED = 1114;

using DllEntry = BOOL(WINAPI*)(HINSTANCE, DWORD, LPVOID);

std::recursive_mutex loader_lock;
PEB_LDR_DATA ldr_data;
std::vector<std::unique_ptr<Module>> modules;  // in load order
std::vector<Module*> init_order;               // PROCESS_ATTACH delivered, in order
std::unordered_map<std::u16string, const BuiltinDll*> registered_builtins;
int next_tls_index = 0;
// The file and the reason of the last native DLL that was found but could
// not be mapped, for the message naming it (loads run under loader_lock).
std::string last_load_failure;

struct TlsTemplate {
    const uint8_t* start;
    size_t data_size;
    size_t zero_fill;
};
std::vector<TlsTemplate> tls_templates;  // by TLS index

std::u16string lower(std::u16string_view text) {
    std::u16string out(text);
    for (auto& c : out) c = ascii_lower(c);
    return out;
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (auto& c : out) c = static_cast<char>(ascii_lower(static_cast<unsigned char>(c)));
    return out;
}

void list_init(LIST_ENTRY* head) { head->Flink = head->Blink = head; }

void list_append(LIST_ENTRY* head, LIST_ENTRY* entry) {
    entry->Flink = head;
    entry->Blink = head->Blink;
    head->Blink->Flink = entry;
    head->Blink = entry;
}

void list_remove(LIST_ENTRY* entry) {
    if (!entry->Flink) return;
    entry->Blink->Flink = entry->Flink;
    entry->Flink->Blink = entry->Blink;
    entry->Flink = entry->Blink = nullptr;
}

void set_unicode(UNICODE_STRING& out, std::u16string& text) {
    out.Length = static_cast<USHORT>(text.size() * 2);
    out.MaximumLength = static_cast<USHORT>(text.size() * 2 + 2);
    out.Buffer = text.data();
}

// "kernel32" -> "kernel32.dll"; API set names -> the DLL implementing them.
std::u16string normalize_dll_name(std::u16string_view name) {
    std::u16string base(name);
    auto slash = base.find_last_of(u"\\/");
    if (slash != std::u16string::npos) base.erase(0, slash + 1);
    base = lower(base);
    if (base.find('.') == std::u16string::npos) base += u".dll";
    if (auto api_set = resolve_api_set(base)) return api_set->host;  // empty: a contract without host
    return base;
}

bool name_is_path(std::u16string_view name) { return name.find_first_of(u"\\/") != std::u16string_view::npos; }

// "C:\windows\system32\x.dll" (any case, either slash): where builtins
// live, so such a path loads like the bare name "x.dll".
bool in_system_directory(std::u16string_view path) {
    auto slash = path.find_last_of(u"\\/");
    if (slash == std::u16string_view::npos) return false;
    std::u16string directory = lower(std::u16string(path.substr(0, slash)));
    for (auto& c : directory)
        if (c == u'/') c = u'\\';
    return directory == lower(std::u16string(paths::kSystemDirectory));
}

}  // namespace

std::string builtin_directory() {
    static const std::string dir = [] {
        if (const char* override_dir = getenv("VINE_BUILTIN_DIR")) return std::string(override_dir);
        char exe[4096];
        ssize_t length = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
        if (length <= 0) return std::string(".");
        std::string path(exe, static_cast<size_t>(length));
        path.erase(path.rfind('/'));  // .../bin
        auto parent = path.rfind('/');
        return path.substr(0, parent) + "/lib/vine";
    }();
    return dir;
}

namespace {

// VINEDLLOVERRIDES ("msvcrt=n,b;comctl32=b"): the load order for a DLL.
enum class LoadOrder { BuiltinThenNative, NativeThenBuiltin, BuiltinOnly, NativeOnly, Disabled };

LoadOrder load_order(const std::u16string& dll) {
    const char* overrides = getenv("VINEDLLOVERRIDES");
    if (!overrides) overrides = getenv("WINEDLLOVERRIDES");
    if (overrides) {
        std::string text(overrides), name = utf16_to_utf8(dll.substr(0, dll.rfind('.')));
        size_t pos = 0;
        while (pos <= text.size()) {
            size_t end = text.find(';', pos);
            if (end == std::string::npos) end = text.size();
            std::string item = text.substr(pos, end - pos);
            pos = end + 1;
            auto eq = item.find('=');
            if (eq == std::string::npos) continue;
            std::string value = item.substr(eq + 1);
            size_t name_pos = 0;
            std::string names = item.substr(0, eq);
            while (name_pos <= names.size()) {
                size_t comma = names.find(',', name_pos);
                if (comma == std::string::npos) comma = names.size();
                std::string candidate = lower(names.substr(name_pos, comma - name_pos));
                name_pos = comma + 1;
                if (candidate.size() > 4 && candidate.substr(candidate.size() - 4) == ".dll")
                    candidate.resize(candidate.size() - 4);
                if (candidate != name) continue;
                if (value == "n,b") return LoadOrder::NativeThenBuiltin;
                if (value == "b,n") return LoadOrder::BuiltinThenNative;
                if (value == "n") return LoadOrder::NativeOnly;
                if (value == "b") return LoadOrder::BuiltinOnly;
                if (value.empty() || value == "d") return LoadOrder::Disabled;
            }
        }
    }
    return LoadOrder::BuiltinThenNative;
}

Module* find_loaded(const std::u16string& base_name) {
    for (auto& module : modules)
        if (equal_ignore_case(module->base_name, base_name)) return module.get();
    return nullptr;
}

void link_module(Module* module) {
    auto& ldr = module->ldr;
    ldr.DllBase = module->base;
    ldr.SizeOfImage = static_cast<ULONG>(module->size);
    ldr.LoadCount = 1;
    ldr.TlsIndex = module->tls_index < 0 ? 0 : static_cast<USHORT>(module->tls_index);
    set_unicode(ldr.FullDllName, module->full_name);
    set_unicode(ldr.BaseDllName, module->base_name);
    list_append(&ldr_data.InLoadOrderModuleList, &ldr.InLoadOrderLinks);
    list_append(&ldr_data.InMemoryOrderModuleList, &ldr.InMemoryOrderLinks);
    if (debug::enabled("loaddll", debug::Class::Trace))
        debug::printf_raw("%04x:trace:loaddll:load Loaded L\"%s\" at %p: %s\n", static_cast<unsigned>(gettid()),
                          utf16_to_utf8(module->full_name).c_str(), module->base,
                          module->builtin ? "builtin" : "native");
}

// ---- builtin DLLs --------------------------------------------------------

// The addresses an ELF object's PT_LOAD segments span, [low, high).
void load_extent(const dl_phdr_info* info, uintptr_t& low, uintptr_t& high) {
    low = UINTPTR_MAX;
    high = 0;
    for (int i = 0; i < info->dlpi_phnum; ++i) {
        const auto& ph = info->dlpi_phdr[i];
        if (ph.p_type != PT_LOAD) continue;
        low = std::min<uintptr_t>(low, info->dlpi_addr + ph.p_vaddr);
        high = std::max<uintptr_t>(high, info->dlpi_addr + ph.p_vaddr + ph.p_memsz);
    }
}

size_t elf_extent_from(const void* address) {
    struct Search {
        uintptr_t address;
        uintptr_t end;
    } search{reinterpret_cast<uintptr_t>(address), 0};
    dl_iterate_phdr(
        [](dl_phdr_info* info, size_t, void* data) {
            auto* s = static_cast<Search*>(data);
            uintptr_t low, high;
            load_extent(info, low, high);
            if (s->address < low || s->address >= high) return 0;
            s->end = high;
            return 1;
        },
        &search);
    return search.end > search.address ? search.end - search.address : 0x1000;
}

// Describes a builtin's ELF image in the region map as one MEM_IMAGE
// allocation with the protections ld.so gave its segments.
void record_builtin_image(const void* address) {
    dl_iterate_phdr(
        [](dl_phdr_info* info, size_t, void* data) {
            auto address = reinterpret_cast<uintptr_t>(data);
            uintptr_t low, high;
            load_extent(info, low, high);
            if (address < low || address >= high) return 0;
            constexpr uintptr_t kPage = 0x1000;
            // The allocation starts at the HMODULE, as on Windows; the ELF
            // headers below it stay the host's.
            low = address & ~(kPage - 1);
            vm::record(reinterpret_cast<void*>(low), high - low, MEM_IMAGE, PAGE_EXECUTE_WRITECOPY, PAGE_READONLY);
            for (int i = 0; i < info->dlpi_phnum; ++i) {
                const auto& ph = info->dlpi_phdr[i];
                if (ph.p_type != PT_LOAD && ph.p_type != PT_GNU_RELRO) continue;
                bool w = ph.p_type == PT_LOAD && (ph.p_flags & PF_W), x = ph.p_flags & PF_X;
                ULONG protect = x ? (w ? PAGE_EXECUTE_WRITECOPY : PAGE_EXECUTE_READ) : (w ? PAGE_WRITECOPY : PAGE_READONLY);
                uintptr_t start = std::max(low, (info->dlpi_addr + ph.p_vaddr) & ~(kPage - 1));
                uintptr_t end = info->dlpi_addr + ph.p_vaddr + ph.p_memsz;
                // RELRO is read-only from its start to the last whole page.
                if (ph.p_type == PT_GNU_RELRO) end &= ~(kPage - 1);
                if (end > start) vm::set_pages(reinterpret_cast<void*>(start), end - start, MEM_COMMIT, protect, false);
            }
            return 1;
        },
        const_cast<void*>(address));
}

// The builtin DLLs a builtin .so links against (its DT_NEEDED entries).
std::vector<std::u16string> builtin_dependencies(void* so_handle) {
    std::vector<std::u16string> names;
    link_map* map = nullptr;
    if (dlinfo(so_handle, RTLD_DI_LINKMAP, &map) != 0 || !map) return names;
    const char* strtab = nullptr;
    for (const ElfW(Dyn)* dyn = map->l_ld; dyn->d_tag != DT_NULL; ++dyn)
        if (dyn->d_tag == DT_STRTAB) strtab = reinterpret_cast<const char*>(dyn->d_un.d_ptr);
    if (!strtab) return names;
    for (const ElfW(Dyn)* dyn = map->l_ld; dyn->d_tag != DT_NULL; ++dyn) {
        if (dyn->d_tag != DT_NEEDED) continue;
        std::string needed = strtab + dyn->d_un.d_val;
        if (needed.size() > 7 && needed.substr(needed.size() - 7) == ".dll.so")
            names.push_back(utf8_to_utf16(needed.substr(0, needed.size() - 3)));
    }
    return names;
}

Module* load_builtin(const std::u16string& name, DWORD& error) {
    std::string so_path = builtin_directory() + "/" + utf16_to_utf8(name) + ".so";
    if (access(so_path.c_str(), R_OK) != 0) {
        error = ERROR_MOD_NOT_FOUND;
        return nullptr;
    }
    // Near guest code, where calls into it are cheapest (builtin_placement.h).
    void* so = nullptr;
    {
        BuiltinPlacement placement;
        so = dlopen(so_path.c_str(), RTLD_NOW | RTLD_LOCAL);
    }
    if (!so) {
        ERR_("module", "cannot load %s: %s\n", so_path.c_str(), dlerror());
        error = ERROR_MOD_NOT_FOUND;
        return nullptr;
    }
    auto it = registered_builtins.find(name);
    if (it == registered_builtins.end()) {
        ERR_("module", "%s registered no builtin descriptor\n", so_path.c_str());
        error = ERROR_BAD_EXE_FORMAT;
        return nullptr;
    }
    const BuiltinDll* dll = it->second;
    auto module = std::make_unique<Module>();
    module->builtin = dll;
    module->base = static_cast<uint8_t*>(dll->image);
    module->optional_header = reinterpret_cast<const IMAGE_NT_HEADERS64*>(module->base + 64)->OptionalHeader;
    module->size = module->optional_header.SizeOfImage;
    module->base_name = name;
    module->full_name = std::u16string(paths::kSystemDirectory) + u"\\" + name;
    Module* raw = module.get();
    modules.push_back(std::move(module));
    link_module(raw);
    for (const auto& dependency : builtin_dependencies(so)) {
        DWORD ignored = 0;
        if (Module* dep = load_dll(dependency, ignored)) raw->dependencies.push_back(dep);
    }
    return raw;
}

// ---- native images ---------------------------------------------------------

// A PE file read through a private read-only mapping: no zero-filled
// buffer and no copy of the whole file (a Rust program's EXE is 80 MB), and
// the pages the loader has copied from can be dropped again (copy_from).
// The descriptor stays open for the image layout cache.
class FileBytes {
public:
    FileBytes() = default;
    FileBytes(const FileBytes&) = delete;
    FileBytes& operator=(const FileBytes&) = delete;
    ~FileBytes() {
        if (map_) munmap(map_, size_);
        if (fd_ >= 0) close(fd_);
    }
    // On failure, `why` says what went wrong.
    bool open_file(const std::string& path, std::string& why) {
        // O_NONBLOCK: opening a FIFO must not wait for a writer.
        fd_ = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
        if (fd_ < 0) {
            why = strerror(errno);
            return false;
        }
        return map_opened(why);
    }
    // The same from a descriptor the caller keeps (this holds a copy).
    bool open_fd(int fd, std::string& why) {
        fd_ = fcntl(fd, F_DUPFD_CLOEXEC, 0);
        if (fd_ < 0) {
            why = strerror(errno);
            return false;
        }
        return map_opened(why);
    }
    std::span<const uint8_t> bytes() const { return {map_, size_}; }
    int fd() const { return fd_; }
    const struct stat& status() const { return status_; }
    // Copies [offset, offset + length) to destination a few megabytes at a
    // time, dropping each part from the mapping once copied, so that the
    // file's pages and the image's are not both counted in the process's
    // memory (the page cache keeps them; a later read faults them back in).
    void copy_from(uint8_t* destination, size_t offset, size_t length) const {
        constexpr size_t kChunk = 8 << 20;
        const uintptr_t page = static_cast<uintptr_t>(sysconf(_SC_PAGESIZE));
        for (size_t done = 0; done < length;) {
            size_t part = std::min(kChunk, length - done);
            memcpy(destination + done, map_ + offset + done, part);
            done += part;
            // Only whole pages wholly inside the part just copied.
            auto low = (reinterpret_cast<uintptr_t>(map_) + offset + done - part + page - 1) & ~(page - 1);
            auto high = (reinterpret_cast<uintptr_t>(map_) + offset + done) & ~(page - 1);
            if (high > low) madvise(reinterpret_cast<void*>(low), high - low, MADV_DONTNEED);
        }
    }

private:
    bool map_opened(std::string& why) {
        bool ok = fstat(fd_, &status_) == 0 && S_ISREG(status_.st_mode);
        if (!ok) why = S_ISDIR(status_.st_mode) ? "is a directory" : "not a PE image (not a regular file)";
        if (ok && status_.st_size > 0) {
            void* map = mmap(nullptr, static_cast<size_t>(status_.st_size), PROT_READ, MAP_PRIVATE, fd_, 0);
            ok = map != MAP_FAILED;
            if (ok) map_ = static_cast<uint8_t*>(map), size_ = static_cast<size_t>(status_.st_size);
            else why = strerror(errno);
        }
        return ok;
    }

    uint8_t* map_ = nullptr;
    size_t size_ = 0;
    int fd_ = -1;
    struct stat status_ {};
};

// The headers and each section's raw data at their RVAs from `base`
// (SizeOfImage bytes, zero), as Windows lays an image out.
void copy_image(const pe::PeImage& image, const FileBytes& file, uint8_t* base) {
    memcpy(base, file.bytes().data(), std::min<size_t>(image.optional_header().SizeOfHeaders, file.bytes().size()));
    for (const auto& section : image.sections()) {
        size_t raw = std::min<size_t>(section.SizeOfRawData, section.VirtualSize ? section.VirtualSize : section.SizeOfRawData);
        if (raw) file.copy_from(base + section.VirtualAddress, section.PointerToRawData, raw);
    }
}

// The descriptor an image section (and a module) maps: the image's layout
// file where image_layout keeps one (large images: mapped, never copied),
// else a new memfd the headers and sections are copied into. -1 on failure.
int build_image(const FileBytes& file, const pe::PeImage& image) {
    if (int layout = image_layout::open(file.fd(), file.status(), image); layout >= 0) return layout;
    size_t length = image.size_of_image();
    int fd = memfd_create("vine-image", MFD_CLOEXEC);
    if (fd < 0) return -1;
    void* base = ftruncate(fd, static_cast<off_t>(length)) == 0
                     ? mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0)
                     : MAP_FAILED;
    if (base == MAP_FAILED) {
        close(fd);
        return -1;
    }
    copy_image(image, file, static_cast<uint8_t*>(base));
    munmap(base, length);
    return fd;
}

// Adds `delta` to every address the relocations name, and makes the
// header's ImageBase the image's address, as Windows does for an image
// that is not at its preferred base.
void relocate_image(const pe::PeImage& image, const std::vector<pe::Relocation>& relocations, uint8_t* base,
                    int64_t delta) {
    for (const auto& reloc : relocations) {
        if (reloc.type == IMAGE_REL_BASED_DIR64) {
            uint64_t value;
            memcpy(&value, base + reloc.rva, 8);
            value += delta;
            memcpy(base + reloc.rva, &value, 8);
        } else if (reloc.type == IMAGE_REL_BASED_HIGHLOW) {
            uint32_t value;
            memcpy(&value, base + reloc.rva, 4);
            value += static_cast<uint32_t>(delta);
            memcpy(base + reloc.rva, &value, 4);
        }
    }
    auto* nt = reinterpret_cast<IMAGE_NT_HEADERS64*>(base + image.dos_header().e_lfanew);
    nt->OptionalHeader.ImageBase = reinterpret_cast<uint64_t>(base);
}

// The Windows protection of an image section: writable sections are
// copy-on-write, as Windows maps them.
ULONG section_windows_protection(DWORD characteristics) {
    bool r = characteristics & IMAGE_SCN_MEM_READ, w = characteristics & IMAGE_SCN_MEM_WRITE,
         x = characteristics & IMAGE_SCN_MEM_EXECUTE;
    if (x) return w ? PAGE_EXECUTE_WRITECOPY : PAGE_EXECUTE_READ;
    return w ? PAGE_WRITECOPY : r ? PAGE_READONLY : PAGE_NOACCESS;
}

int section_protection(DWORD characteristics) {
    int prot = 0;
    if (characteristics & IMAGE_SCN_MEM_READ) prot |= PROT_READ;
    if (characteristics & IMAGE_SCN_MEM_WRITE) prot |= PROT_READ | PROT_WRITE;
    if (characteristics & IMAGE_SCN_MEM_EXECUTE) prot |= PROT_READ | PROT_EXEC;
    return prot;
}

// Headers read-only; each section as its characteristics say (all of it
// PAGE_EXECUTE_WRITECOPY when sections are not page-aligned).
void protect_image(const pe::PeImage& image, uint8_t* base, size_t size) {
    const auto& optional = image.optional_header();
    long page = sysconf(_SC_PAGESIZE);
    if (optional.SectionAlignment >= static_cast<DWORD>(page)) {
        vm::set_pages(base, optional.SizeOfHeaders ? (optional.SizeOfHeaders + page - 1) / page * page : page,
                      MEM_COMMIT, PAGE_READONLY);
        for (const auto& section : image.sections()) {
            size_t length = (std::max(section.VirtualSize, section.SizeOfRawData) + page - 1) / page * page;
            if (length)
                vm::set_pages(base + section.VirtualAddress, length, MEM_COMMIT,
                              section_windows_protection(section.Characteristics));
        }
    } else {
        vm::set_pages(base, size, MEM_COMMIT, PAGE_EXECUTE_WRITECOPY);
    }
}

std::string hex(uint64_t value) {
    char buffer[24];
    snprintf(buffer, sizeof(buffer), "%llx", static_cast<unsigned long long>(value));
    return buffer;
}

// Whether [rva, rva + length) is covered by sections mapped readable.
bool readable_in_sections(const pe::PeImage& image, uint64_t rva, uint64_t length) {
    uint64_t covered = rva;
    const uint64_t end = rva + length;
    for (bool progress = true; covered < end && progress;) {
        progress = false;
        for (const auto& section : image.sections()) {
            uint64_t low = section.VirtualAddress;
            uint64_t high = low + std::max(section.VirtualSize, section.SizeOfRawData);
            if (covered >= low && covered < high && (section_protection(section.Characteristics) & PROT_READ)) {
                covered = high;
                progress = true;
            }
        }
    }
    return covered >= end;
}

// The loader as import binding sees it: DLLs come from load_dll, calls to
// builtins go through their relay thunks when +relay traces them.
class LoaderModules : public ModuleProvider {
public:
    Module* load(std::u16string_view dll, DWORD& error) override { return load_dll(dll, error); }
    void* builtin_target(const BuiltinExport& entry) override {
        if (entry.relay_thunk && relay::enabled_for(&entry)) return entry.relay_thunk;
        return entry.address;
    }
    std::string why_not_loaded(std::u16string_view dll, DWORD error) override {
        if (load_order(normalize_dll_name(dll)) == LoadOrder::Disabled) return "is disabled by VINEDLLOVERRIDES";
        if (error != ERROR_BAD_EXE_FORMAT || last_load_failure.empty()) return "was not found";
        return "could not be loaded: " + last_load_failure;
    }
};
LoaderModules loader_modules;

// Maps a validated image as a view of its image section (build_image,
// vm::map_image_view: relocated if it could not go at its preferred base),
// binds its imports, applies the sections' protections.
Expected<Module*> map_native(const std::string& unix_path, const std::u16string& base_name, bool is_exe) {
    FileBytes file;
    if (std::string why; !file.open_file(unix_path, why)) return make_error("cannot read " + unix_path + ": " + why);
    auto parsed = pe::PeImage::parse(file.bytes(), pe::Layout::File);
    if (!parsed) return make_error("bad PE image: " + parsed.error().message);
    const pe::PeImage& image = *parsed;
    if (auto reason = pe::unsupported_reason(image)) return make_error(*reason);
    if (is_exe == image.is_dll()) return make_error(is_exe ? "is a DLL, not a program" : "is not a DLL");
    // Validated here, gathered only if the image cannot go at its base.
    auto relocation_count = image.relocation_count();
    if (!relocation_count) return make_error("bad PE image: " + relocation_count.error().message);
    auto imports = image.imports();
    if (!imports) return make_error("bad PE image: " + imports.error().message);

    const auto& optional = image.optional_header();
    size_t size = optional.SizeOfImage;
    bool relocatable = !(image.nt_headers().FileHeader.Characteristics & IMAGE_FILE_RELOCS_STRIPPED) &&
                       image.directory(IMAGE_DIRECTORY_ENTRY_BASERELOC).VirtualAddress != 0;
    // Mapped as NtMapViewOfSection maps a SEC_IMAGE section: at ImageBase
    // or relocated elsewhere, MEM_IMAGE; the protections come after binding.
    int image_fd = build_image(file, image);
    if (image_fd < 0) return make_error("cannot lay the image out: out of memory");
    void* address = nullptr;
    NTSTATUS status = vm::map_image_view(image_fd, size, &address, {}, false);
    if (status == STATUS_IMAGE_NOT_AT_BASE && !relocatable) {
        vm::unmap_view(address);
        status = STATUS_CONFLICTING_ADDRESSES;
    }
    if (status != STATUS_SUCCESS && status != STATUS_IMAGE_NOT_AT_BASE) {
        close(image_fd);
        if (status == STATUS_CONFLICTING_ADDRESSES)
            return make_error("cannot map at its base address 0x" + hex(optional.ImageBase) +
                              " and it has no relocations");
        return make_error("out of address space");
    }
    auto* base = static_cast<uint8_t*>(address);
    // The server makes the image section the view belongs to: it locks the
    // file, and an unmap of the module is an unmap of that view.
    uint32_t counted = vm::count_module_view(image_fd, file.fd(), size, base);
    close(image_fd);
    if (counted) {
        vm::unmap_view(base);
        return make_error("the server refused its image section (error " + std::to_string(counted) + ")");
    }
    int64_t delta = reinterpret_cast<int64_t>(base) - static_cast<int64_t>(optional.ImageBase);

    auto module = std::make_unique<Module>();
    module->base = base;
    module->size = size;
    module->is_exe = is_exe;
    module->unix_path = unix_path;
    module->base_name = base_name;
    module->full_name = paths::unix_to_dos(unix_path);
    module->ldr.EntryPoint = optional.AddressOfEntryPoint ? base + optional.AddressOfEntryPoint : nullptr;
    module->ldr.TimeDateStamp = image.nt_headers().FileHeader.TimeDateStamp;
    module->optional_header = optional;
    index_exports(*module, image);

    if (auto tls = image.tls_directory(); tls && tls->has_value()) {
        const IMAGE_TLS_DIRECTORY64& dir = **tls;
        uint64_t image_start = reinterpret_cast<uint64_t>(base), image_end = image_start + size;
        auto inside = [&](uint64_t va, uint64_t length) {
            return va >= image_start && va <= image_end && length <= image_end - va;
        };
        uint64_t start = dir.StartAddressOfRawData + delta, end = dir.EndAddressOfRawData + delta;
        uint64_t index_va = dir.AddressOfIndex + delta;
        // Every new thread's TLS is copied from the template: it must lie in
        // sections the loader may read once their protections are applied.
        if (end > start && inside(start, end - start) && optional.SectionAlignment >= sysconf(_SC_PAGESIZE) &&
            !readable_in_sections(image, start - image_start, end - start)) {
            vm::unmap_section_view(base, false);
            return make_error("bad PE image: the TLS template (RVA 0x" + hex(start - image_start) + ", 0x" +
                              hex(end - start) + " bytes) is not inside readable sections");
        }
        if (end >= start && inside(start, end - start) && inside(index_va, 4)) {
            module->tls_index = next_tls_index++;
            tls_templates.push_back({reinterpret_cast<uint8_t*>(start), end - start, dir.SizeOfZeroFill});
            uint32_t index = static_cast<uint32_t>(module->tls_index);
            memcpy(reinterpret_cast<void*>(index_va), &index, 4);
        }
        if (dir.AddressOfCallBacks) {
            uint64_t callbacks = dir.AddressOfCallBacks + delta;
            for (uint64_t slot = callbacks; inside(slot, 8); slot += 8) {
                uint64_t callback;
                memcpy(&callback, reinterpret_cast<void*>(slot), 8);
                if (!callback) break;
                module->tls_callback_list.push_back(reinterpret_cast<PIMAGE_TLS_CALLBACK>(callback));
            }
        }
    }

    Module* raw = module.get();
    modules.push_back(std::move(module));
    link_module(raw);
    if (auto bound = bind_imports(loader_modules, raw, image); !bound) return bound.error();

    protect_image(image, base, size);
    return raw;
}

std::optional<std::string> find_file_ignoring_case(const std::string& dir, const std::string& name) {
    std::string exact = dir + "/" + name;
    if (access(exact.c_str(), R_OK) == 0) return exact;
    DIR* d = opendir(dir.c_str());
    if (!d) return std::nullopt;
    std::optional<std::string> found;
    while (dirent* entry = readdir(d)) {
        if (strcasecmp(entry->d_name, name.c_str()) == 0) {
            found = dir + "/" + entry->d_name;
            break;
        }
    }
    closedir(d);
    return found;
}

// Where LoadLibrary looks for a native DLL: the EXE's directory, the current
// directory, then VINEDLLPATH.
std::optional<std::string> find_native(std::u16string_view requested, const std::u16string& base_name) {
    if (name_is_path(requested)) {
        auto unix_path = paths::dos_to_unix(requested);
        if (!unix_path) return std::nullopt;
        auto slash = unix_path->rfind('/');
        std::string dir = slash == std::string::npos ? "." : (slash == 0 ? "/" : unix_path->substr(0, slash));
        return find_file_ignoring_case(dir, unix_path->substr(slash + 1));
    }
    std::string name = utf16_to_utf8(base_name);
    std::vector<std::string> dirs;
    if (Module* exe = exe_module()) dirs.push_back(exe->unix_path.substr(0, exe->unix_path.rfind('/')));
    dirs.push_back(".");
    if (const char* dll_path = getenv("VINEDLLPATH")) {
        std::string list(dll_path);
        size_t pos = 0;
        while (pos <= list.size()) {
            size_t colon = list.find(':', pos);
            if (colon == std::string::npos) colon = list.size();
            if (colon > pos) dirs.push_back(list.substr(pos, colon - pos));
            pos = colon + 1;
        }
    }
    for (const auto& dir : dirs)
        if (auto found = find_file_ignoring_case(dir, name)) return found;
    return std::nullopt;
}

std::u16string file_base_name(std::u16string_view name) {
    auto slash = name.find_last_of(u"\\/");
    return std::u16string(slash == std::u16string_view::npos ? name : name.substr(slash + 1));
}

// What of a module's code the loader is running on this thread, for the
// crash report: a fault there is the program's, not the loader's.
struct Callout {
    const char* what = nullptr;
    const Module* module = nullptr;
    const void* address = nullptr;
};
thread_local Callout t_callout;
constexpr const char* kTlsCallbackCallout = "TLS callback";
constexpr const char* kDllMainCallout = "DllMain";

class CalloutScope {
public:
    CalloutScope(const char* what, const Module* module, const void* address) : saved_(t_callout) {
        t_callout = {what, module, address};
    }
    ~CalloutScope() { t_callout = saved_; }
    CalloutScope(const CalloutScope&) = delete;
    CalloutScope& operator=(const CalloutScope&) = delete;

private:
    Callout saved_;
};

void call_tls_callbacks(Module* module, DWORD reason) {
    for (auto callback : module->tls_callback_list) {
        CalloutScope scope(kTlsCallbackCallout, module, reinterpret_cast<const void*>(callback));
        callback(module->base, reason, nullptr);
    }
}

}  // namespace

// ---- interface -------------------------------------------------------------

void fail(const std::string& message) {
    // Messages quote names from files and command lines: escaped, so that
    // stderr stays one line of valid UTF-8.
    fprintf(stderr, "vine: %s\n", printable(message).c_str());
    fflush(stderr);
    _exit(1);
}

PEB_LDR_DATA* loader_data() {
    static bool initialized = [] {
        ldr_data.Length = sizeof(ldr_data);
        ldr_data.Initialized = TRUE;
        list_init(&ldr_data.InLoadOrderModuleList);
        list_init(&ldr_data.InMemoryOrderModuleList);
        list_init(&ldr_data.InInitializationOrderModuleList);
        return true;
    }();
    (void)initialized;
    return &ldr_data;
}

Module* exe_module() {
    for (auto& module : modules)
        if (module->is_exe) return module.get();
    return nullptr;
}

Module* find_module(HMODULE handle) {
    if (!handle) return exe_module();
    for (auto& module : modules)
        if (module->base == handle) return module.get();
    return nullptr;
}

Module* load_exe(const std::string& unix_path) {
    std::lock_guard guard(loader_lock);
    loader_data();
    std::string name = unix_path.substr(unix_path.rfind('/') + 1);
    auto module = map_native(unix_path, utf8_to_utf16(name), true);
    if (!module) fail(name + ": " + module.error().message);
    return *module;
}

Module* load_dll(std::u16string_view requested, DWORD& error) {
    std::lock_guard guard(loader_lock);
    loader_data();
    std::u16string base_name = normalize_dll_name(requested);
    if (base_name.empty()) {  // an API set contract that has no host
        error = ERROR_MOD_NOT_FOUND;
        return nullptr;
    }
    if (Module* loaded = find_loaded(base_name)) return loaded;
    LoadOrder order = load_order(base_name);
    if (order == LoadOrder::Disabled) {
        error = ERROR_MOD_NOT_FOUND;
        return nullptr;
    }
    bool builtin_first = order == LoadOrder::BuiltinThenNative || order == LoadOrder::BuiltinOnly;
    bool try_builtin = order != LoadOrder::NativeOnly;
    bool try_native = order != LoadOrder::BuiltinOnly;
    // A DLL named by path is the native file, unless the path is the system
    // directory, where Vine's builtins stand in for Windows' own DLLs.
    if (name_is_path(requested) && in_system_directory(requested)) requested = base_name;
    if (name_is_path(requested)) {
        try_builtin = false;
        try_native = true;
    }
    error = ERROR_MOD_NOT_FOUND;
    for (int attempt = 0; attempt < 2; ++attempt) {
        bool builtin = (attempt == 0) == builtin_first;
        if (builtin && try_builtin) {
            if (Module* module = load_builtin(base_name, error)) return module;
        } else if (!builtin && try_native) {
            auto path = find_native(requested, base_name);
            if (!path) continue;
            std::u16string file_name = file_base_name(utf8_to_utf16(*path));
            if (Module* loaded = find_loaded(file_name)) return loaded;
            auto module = map_native(*path, file_name, false);
            if (module) return *module;
            WARN_("module", "%s: %s\n", path->c_str(), module.error().message.c_str());
            last_load_failure = *path + ": " + module.error().message;
            error = ERROR_BAD_EXE_FORMAT;
            return nullptr;
        }
    }
    return nullptr;
}

Module* load_core_dll(std::u16string_view name) {
    DWORD error = 0;
    if (Module* module = load_dll(name, error)) return module;
    const std::string dll = utf16_to_utf8(name);
    switch (load_order(normalize_dll_name(name))) {
    case LoadOrder::Disabled:
        fail("VINEDLLOVERRIDES disables " + dll + ", which cannot be disabled: every Windows process loads it");
    case LoadOrder::NativeOnly:
        if (error == ERROR_BAD_EXE_FORMAT && !last_load_failure.empty())
            fail("VINEDLLOVERRIDES asks for a native " + dll + ": " + last_load_failure);
        fail("VINEDLLOVERRIDES asks for a native " + dll + ", and none was found (Vine runs with its builtin one)");
    default:
        fail("cannot load the builtin " + dll + " (is Vine installed?)");
    }
}

bool initialize(Module* module) {
    std::lock_guard guard(loader_lock);
    if (module->initialized) return !module->init_failed;
    module->initialized = true;  // set first: import cycles terminate here
    for (Module* dependency : module->dependencies)
        if (!initialize(dependency)) {
            module->init_failed = true;
            return false;
        }
    if (module->is_exe) return true;
    list_append(&ldr_data.InInitializationOrderModuleList, &module->ldr.InInitializationOrderLinks);
    init_order.push_back(module);
    call_tls_callbacks(module, DLL_PROCESS_ATTACH);
    void* entry = module->builtin ? module->builtin->entry : module->ldr.EntryPoint;
    CalloutScope scope(kDllMainCallout, module, entry);
    if (entry && !reinterpret_cast<DllEntry>(entry)(module->base, DLL_PROCESS_ATTACH, nullptr)) {
        module->init_failed = true;
        return false;
    }
    return true;
}

void run_exe_tls_callbacks(Module* exe, DWORD reason) { call_tls_callbacks(exe, reason); }

std::string current_callout() {
    // Read at crash time, after guest code ran with a pointer to it in a
    // register: believed only if it still names a known callout and module.
    if (!t_callout.what) return "";
    if (t_callout.what != kTlsCallbackCallout && t_callout.what != kDllMainCallout) return "";
    if (std::none_of(modules.begin(), modules.end(), [](const auto& m) { return m.get() == t_callout.module; }))
        return "";
    char address[32];
    snprintf(address, sizeof(address), "0x%llx", static_cast<unsigned long long>(reinterpret_cast<uintptr_t>(t_callout.address)));
    return std::string("the ") + t_callout.what + " " + address + " of " + utf16_to_utf8(t_callout.module->base_name);
}

void allocate_static_tls(TEB* teb) {
    std::lock_guard guard(loader_lock);
    auto** slots = static_cast<void**>(calloc(std::max<size_t>(tls_templates.size(), 16), sizeof(void*)));
    for (size_t i = 0; i < tls_templates.size(); ++i) {
        const auto& t = tls_templates[i];
        auto* block = static_cast<uint8_t*>(calloc(1, t.data_size + t.zero_fill + 16));
        memcpy(block, t.start, t.data_size);
        slots[i] = block;
    }
    teb->ThreadLocalStoragePointer = slots;
}

// ---- the loader interface for builtin DLLs ------------------------------------

HMODULE load_library(std::u16string_view name, DWORD& error) {
    std::lock_guard guard(loader_lock);
    Module* module = load_dll(name, error);
    if (!module) return nullptr;
    size_t tls_before = tls_templates.size();
    if (!initialize(module)) {
        // A DLL whose DllMain refused to attach is unloaded again.
        if (!module->builtin && module->ref_count == 0) unload(module);
        error = ERROR_DLL_INIT_FAILED;
        return nullptr;
    }
    if (tls_templates.size() != tls_before) allocate_static_tls(current_teb());
    ++module->ref_count;
    return module->base;
}

bool free_library(HMODULE handle) {
    std::lock_guard guard(loader_lock);
    Module* module = find_module(handle);
    if (!module || !handle) return false;
    if (module->builtin || module->is_exe) return true;  // builtins stay loaded, as system DLLs do
    if (--module->ref_count > 0) return true;
    if (module->initialized && !module->init_failed) {
        call_tls_callbacks(module, DLL_PROCESS_DETACH);
        if (module->ldr.EntryPoint)
            reinterpret_cast<DllEntry>(module->ldr.EntryPoint)(module->base, DLL_PROCESS_DETACH, nullptr);
    }
    unload(module);
    return true;
}

void unload(Module* module) {
    list_remove(&module->ldr.InLoadOrderLinks);
    list_remove(&module->ldr.InMemoryOrderLinks);
    list_remove(&module->ldr.InInitializationOrderLinks);
    init_order.erase(std::remove(init_order.begin(), init_order.end(), module), init_order.end());
    // Nothing if the program already unmapped it (NtUnmapViewOfSection of its base).
    vm::unmap_section_view(module->base, false);
    modules.erase(std::remove_if(modules.begin(), modules.end(), [&](auto& m) { return m.get() == module; }),
                  modules.end());
}

HMODULE module_handle(std::u16string_view name) {
    std::lock_guard guard(loader_lock);
    if (name.empty()) {
        Module* exe = exe_module();
        return exe ? exe->base : nullptr;
    }
    std::u16string base_name = normalize_dll_name(name);
    Module* module = base_name.empty() ? nullptr : find_loaded(base_name);
    return module ? module->base : nullptr;
}

HMODULE module_from_address(const void* address) {
    std::lock_guard guard(loader_lock);
    auto* p = static_cast<const uint8_t*>(address);
    for (auto& module : modules)
        if (p >= module->base && p < module->base + module->size) return module->base;
    return nullptr;
}

void* proc_address(HMODULE handle, const char* name, unsigned ordinal, DWORD& error) {
    std::lock_guard guard(loader_lock);
    Module* module = find_module(handle);
    if (!module) {
        error = 6;  // ERROR_INVALID_HANDLE
        return nullptr;
    }
    auto address = resolve_export(loader_modules, module, ExportKey{name, ordinal, 0}, false, error);
    if (!address) {
        TRACE_("module", "%s\n", address.error().message.c_str());
        return nullptr;
    }
    return *address;
}

std::u16string module_path(HMODULE handle) {
    std::lock_guard guard(loader_lock);
    Module* module = find_module(handle);
    return module ? module->full_name : std::u16string();
}

std::recursive_mutex& loader_mutex() { return loader_lock; }

std::vector<ModuleSummary> list_modules() {
    std::lock_guard guard(loader_lock);
    std::vector<ModuleSummary> list;
    list.reserve(modules.size());
    auto add = [&](const Module* module) {
        void* entry = module->builtin ? module->builtin->entry : module->ldr.EntryPoint;
        list.push_back({module->base, static_cast<DWORD>(module->size), entry, module->full_name,
                        module->base_name});
    };
    // The EXE leads, as in Windows' load-order list; ntdll and kernel32 were
    // loaded before it here.
    const Module* exe = exe_module();
    if (exe) add(exe);
    for (auto& module : modules)
        if (module.get() != exe) add(module.get());
    return list;
}

void notify_threads(DWORD reason) {
    std::lock_guard guard(loader_lock);
    auto notify = [&](Module* module) {
        call_tls_callbacks(module, reason);
        void* entry = module->builtin ? module->builtin->entry : module->ldr.EntryPoint;
        if (entry && !module->init_failed) reinterpret_cast<DllEntry>(entry)(module->base, reason, nullptr);
    };
    if (reason == DLL_THREAD_ATTACH) {
        for (Module* module : init_order) notify(module);
        if (Module* exe = exe_module()) call_tls_callbacks(exe, reason);
    } else {
        if (Module* exe = exe_module()) call_tls_callbacks(exe, reason);
        for (auto it = init_order.rbegin(); it != init_order.rend(); ++it) notify(*it);
    }
}

void exit_process(unsigned code) {
    {
        std::lock_guard guard(loader_lock);
        ldr_data.ShutdownInProgress = TRUE;
        for (auto it = init_order.rbegin(); it != init_order.rend(); ++it) {
            Module* module = *it;
            if (module->init_failed) continue;
            call_tls_callbacks(module, DLL_PROCESS_DETACH);
            void* entry = module->builtin ? module->builtin->entry : module->ldr.EntryPoint;
            if (entry) reinterpret_cast<DllEntry>(entry)(module->base, DLL_PROCESS_DETACH, reinterpret_cast<LPVOID>(1));
        }
        if (Module* exe = exe_module()) call_tls_callbacks(exe, DLL_PROCESS_DETACH);
    }
    fflush(nullptr);
    client::report_exit(code);
    _exit(static_cast<int>(code & 0xff));
}

}  // namespace vine::loader

// Called by each builtin .so's constructor (see tools/vinebuild): records the
// descriptor and completes its PE header with what only the load knows.
extern "C" __attribute__((visibility("default"))) void vine_register_builtin(const vine::BuiltinDll* dll) {
    using namespace vine;
    if (dll->abi_version != kBuiltinAbiVersion) {
        fprintf(stderr, "vine: %s was built for another version of vine\n", dll->name);
        _exit(1);
    }
    auto* base = static_cast<uint8_t*>(dll->image);
    auto* nt = reinterpret_cast<IMAGE_NT_HEADERS64*>(base + 64);
    size_t extent = loader::elf_extent_from(base);
    long page = sysconf(_SC_PAGESIZE);
    mprotect(base, page, PROT_READ | PROT_WRITE);
    nt->OptionalHeader.ImageBase = reinterpret_cast<uint64_t>(base);
    nt->OptionalHeader.SizeOfImage = static_cast<DWORD>((extent + page - 1) / page * page);
    auto* section = reinterpret_cast<IMAGE_SECTION_HEADER*>(reinterpret_cast<uint8_t*>(&nt->OptionalHeader) +
                                                            nt->FileHeader.SizeOfOptionalHeader);
    section->VirtualSize = nt->OptionalHeader.SizeOfImage - section->VirtualAddress;
    mprotect(base, page, PROT_READ);
    loader::record_builtin_image(base);
    loader::registered_builtins[loader::lower(utf8_to_utf16(dll->name))] = dll;
}

namespace vine::vm {

NTSTATUS build_image_section(int file_fd, int* fd, uint64_t* size) {
    loader::FileBytes file;
    std::string why;
    if (!file.open_fd(file_fd, why)) return STATUS_INVALID_FILE_FOR_SECTION;
    auto bytes = file.bytes();
    if (bytes.size() < 2 || bytes[0] != 'M' || bytes[1] != 'Z') return STATUS_INVALID_IMAGE_NOT_MZ;
    auto parsed = pe::PeImage::parse(bytes, pe::Layout::File);
    if (!parsed || pe::unsupported_reason(*parsed) || !parsed->relocation_count()) return STATUS_INVALID_IMAGE_FORMAT;
    int image = loader::build_image(file, *parsed);
    if (image < 0) return STATUS_INSUFFICIENT_RESOURCES;
    *fd = image;
    *size = parsed->size_of_image();
    return STATUS_SUCCESS;
}

NTSTATUS map_image_view(int fd, SIZE_T size, void** address, const Placement& placement, bool protect_sections) {
    const uint64_t offset = image_layout::image_offset(fd);
    // The headers were validated when the descriptor was made; what a
    // view shows is the same bytes.
    uint32_t nt_offset = 0;
    uint64_t preferred = 0;  // e_lfanew, then OptionalHeader.ImageBase of a PE32+
    if (pread(fd, &nt_offset, 4, static_cast<off_t>(offset + 0x3c)) != 4 ||
        pread(fd, &preferred, 8, static_cast<off_t>(offset + nt_offset + 0x30)) != 8)
        return STATUS_INVALID_IMAGE_FORMAT;
    void* at = *address;
    NTSTATUS status = STATUS_CONFLICTING_ADDRESSES;
    if (!at && preferred && !(preferred % 0x10000)) {
        at = reinterpret_cast<void*>(preferred);
        status = map_view(fd, offset, size, PAGE_EXECUTE_WRITECOPY, &at, 0, placement, true);
        if (status != STATUS_SUCCESS) at = nullptr;
    }
    if (status != STATUS_SUCCESS) status = map_view(fd, offset, size, PAGE_EXECUTE_WRITECOPY, &at, 0, placement, true);
    if (status != STATUS_SUCCESS) return status;
    auto* base = static_cast<uint8_t*>(at);
    auto image = pe::PeImage::parse(std::span<const uint8_t>(base, size), pe::Layout::Mapped);
    if (!image) {
        unmap_view(at);
        return STATUS_INVALID_IMAGE_FORMAT;
    }
    int64_t delta = reinterpret_cast<int64_t>(base) - static_cast<int64_t>(preferred);
    if (delta) {
        auto relocations = image->relocations();
        if ((image->nt_headers().FileHeader.Characteristics & IMAGE_FILE_RELOCS_STRIPPED) || !relocations) {
            unmap_view(at);
            return relocations ? STATUS_CONFLICTING_ADDRESSES : STATUS_INVALID_IMAGE_FORMAT;
        }
        loader::relocate_image(*image, *relocations, base, delta);
    }
    if (protect_sections) loader::protect_image(*image, base, size);
    *address = at;
    return delta ? STATUS_IMAGE_NOT_AT_BASE : STATUS_SUCCESS;
}

}  // namespace vine::vm
