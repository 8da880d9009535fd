#include "process.h"

#include <asm/prctl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstring>
#include <strings.h>
#include <utility>

#include "address_space.h"
#include "builtin_placement.h"
#include "crash.h"
#include "environment.h"
#include "manifest.h"
#include "module.h"
#include "vine/loader.h"
#include "vine/paths.h"
#include "vine/server_client.h"
#include "vine/teb.h"
#include "vine/thread_control.h"
#include "vine/unicode.h"
#include "vine/virtual_memory.h"

extern "C" uint64_t vine_call_on_stack(void* function, void* argument, void* stack_top);

namespace vine::process {
namespace {

template <typename T>
T* allocate_zeroed(size_t size = sizeof(T)) {
    void* memory = address_space::map_anywhere(size, PROT_READ | PROT_WRITE);
    if (!memory) loader::fail("out of memory setting up the process");
    return static_cast<T*>(memory);
}

// A UNICODE_STRING owning a heap copy of `text` (NUL-terminated).
void make_unicode(UNICODE_STRING& out, const std::u16string& text, size_t extra = 0) {
    size_t capacity = text.size() + 1 + extra;
    auto* buffer = static_cast<WCHAR*>(calloc(capacity, sizeof(WCHAR)));
    memcpy(buffer, text.data(), text.size() * sizeof(WCHAR));
    out.Buffer = buffer;
    out.Length = static_cast<USHORT>(text.size() * sizeof(WCHAR));
    out.MaximumLength = static_cast<USHORT>(capacity * sizeof(WCHAR));
}

std::u16string current_directory() {
    char cwd[4096];
    std::u16string dos = getcwd(cwd, sizeof(cwd)) ? paths::unix_to_dos(cwd) : u"Z:\\";
    if (dos.back() != u'\\') dos += u'\\';
    return dos;
}

// An environment block in the process parameters: a child's exactly as its
// parent gave it.
WCHAR* copy_environment(const std::u16string& block, SIZE_T& size) {
    std::u16string terminated = block;
    // At least the two terminating NULs, whatever the parent sent.
    while (terminated.size() < 2 || terminated[terminated.size() - 1] || terminated[terminated.size() - 2])
        terminated += u'\0';
    size = terminated.size() * sizeof(WCHAR);
    auto* memory = static_cast<WCHAR*>(calloc(terminated.size() + 1, sizeof(WCHAR)));
    memcpy(memory, terminated.data(), size);
    return memory;
}

RTL_USER_PROCESS_PARAMETERS* build_parameters(const client::ProcessStart& start, const std::u16string& image_path,
                                              const std::u16string& command_line) {
    auto* params = allocate_zeroed<RTL_USER_PROCESS_PARAMETERS>();
    params->MaximumLength = params->Length = sizeof(*params);
    params->Flags = 1;  // normalized
    params->StandardInput = start.std_handles[0];
    params->StandardOutput = start.std_handles[1];
    params->StandardError = start.std_handles[2];
    params->WindowFlags = start.startup_flags;
    params->ShowWindowFlags = start.show_window;
    std::u16string directory = current_directory();
    if (start.is_child && !start.current_directory.empty()) {
        // The parent chose our directory: make it the Unix one too.
        if (auto unix_directory = paths::dos_to_unix(start.current_directory);
            unix_directory && chdir(unix_directory->c_str()) == 0)
            directory = current_directory();
    }
    make_unicode(params->CurrentDirectory.DosPath, directory, 260);
    make_unicode(params->ImagePathName, image_path);
    make_unicode(params->CommandLine, command_line);
    make_unicode(params->WindowTitle, start.title.empty() ? image_path : start.title);
    make_unicode(params->DesktopInfo, u"");
    make_unicode(params->ShellInfo, u"");
    make_unicode(params->DllPath, u"");
    params->Environment = copy_environment(start.is_child ? start.environment : initial_environment(),
                                           params->EnvironmentSize);
    return params;
}

TEB* create_main_teb(PEB* peb) {
    auto* teb = allocate_zeroed<TEB>(0x2000);
    teb->Tib.Self = &teb->Tib;
    teb->Tib.ExceptionList = reinterpret_cast<void*>(~uintptr_t{0});
    teb->ProcessEnvironmentBlock = peb;
    if (syscall(SYS_arch_prctl, ARCH_SET_GS, teb) != 0) loader::fail("cannot set the GS base for the TEB");
    return teb;
}

// The main thread's stack, reserved and committed as the EXE asks, with a
// guard page below the committed part (loader/thread_stack.cpp).
void* create_stack(TEB* teb, uint64_t reserve, uint64_t commit) {
    size_t size = std::max<uint64_t>(reserve, 1024 * 1024);
    size = (size + 0xffff) & ~size_t{0xffff};
    auto* bottom = static_cast<uint8_t*>(address_space::map_anywhere(size, PROT_READ | PROT_WRITE));
    if (!bottom) loader::fail("cannot allocate the main thread's stack");
    teb->DeallocationStack = bottom;
    teb->Tib.StackLimit = loader::commit_thread_stack(bottom, size, commit);
    teb->Tib.StackBase = bottom + size;
    // Leave room above the first frame: relay tracing reads the caller's
    // stack arguments past it.
    return bottom + size - 0x200;
}

struct StartModules {
    loader::Module* ntdll;
    loader::Module* kernel32;
    loader::Module* exe;
    PEB* peb;
};

// The Windows side of start-up, on the main thread's Windows stack (called
// by vine_call_on_stack): initialization in order, then the entry point.
WINAPI uint64_t start_windows_side(void* argument) {
    auto* modules = static_cast<StartModules*>(argument);
    if (!loader::initialize(modules->ntdll) || !loader::initialize(modules->kernel32) ||
        !loader::initialize(modules->exe))
        loader::fail("a DLL's initialization failed (DllMain returned FALSE)");
    loader::run_exe_tls_callbacks(modules->exe, DLL_PROCESS_ATTACH);
    using Entry = uint64_t(WINAPI*)(void*);
    auto entry = reinterpret_cast<Entry>(modules->exe->ldr.EntryPoint);
    if (!entry) loader::fail("the program has no entry point");
    return entry(modules->peb);
}

}  // namespace

std::u16string build_command_line(const std::u16string& program, const std::vector<std::string>& args) {
    auto quote = [](const std::u16string& arg) {
        if (!arg.empty() && arg.find_first_of(u" \t\n\v\"") == std::u16string::npos) return arg;
        std::u16string out = u"\"";
        size_t backslashes = 0;
        for (char16_t c : arg) {
            if (c == u'\\') {
                ++backslashes;
                continue;
            }
            // Backslashes are literal unless a quote follows: then each must
            // be doubled, and the quote escaped.
            out.append(c == u'"' ? backslashes * 2 + 1 : backslashes, u'\\');
            backslashes = 0;
            out += c;
        }
        out.append(backslashes * 2, u'\\');
        return out + u"\"";
    };
    std::u16string line = quote(program);
    for (const auto& arg : args) line += u" " + quote(unix_to_utf16(arg));
    return line;
}

void run(const std::string& exe_unix_path, const std::vector<std::string>& args) {
    crash::install_handlers();
    // The TEB first (everything reads it, the server client too), then the
    // server: a child learns from it what to run and how.
    auto* peb = allocate_zeroed<PEB>();
    TEB* teb = create_main_teb(peb);
    threads::install();
    client::ProcessStart start = client::connect_process();
    // The main thread can be suspended and terminated like any other.
    threads::start(threads::prepare(start.thread_id, false, CONTEXT{}));
    threads::set_teb(teb);
    teb->ClientId.UniqueProcess = reinterpret_cast<HANDLE>(static_cast<uintptr_t>(start.process_id));
    teb->ClientId.UniqueThread = reinterpret_cast<HANDLE>(static_cast<uintptr_t>(start.thread_id));
    std::u16string image_path = paths::unix_to_dos(exe_unix_path);
    std::u16string command_line = build_command_line(image_path, args);
    if (start.is_child) {
        if (!start.image.empty()) image_path = start.image;
        command_line = start.command_line;
    }

    peb->Ldr = loader::loader_data();
    peb->ProcessParameters = build_parameters(start, image_path, command_line);
    peb->NumberOfProcessors = static_cast<ULONG>(sysconf(_SC_NPROCESSORS_ONLN));
    peb->OSMajorVersion = 10;
    peb->OSMinorVersion = 0;
    peb->OSBuildNumber = 19045;
    peb->OSPlatformId = 2;  // VER_PLATFORM_WIN32_NT

    // Every Windows process has ntdll and kernel32, loaded before the EXE.
    // One placement scope for them and the builtins the EXE imports: the
    // address space is scanned once, not at each dlopen.
    loader::Module* ntdll = nullptr;
    loader::Module* kernel32 = nullptr;
    loader::Module* exe = nullptr;
    {
        loader::BuiltinPlacement placement;
        ntdll = loader::load_core_dll(u"ntdll.dll");
        kernel32 = loader::load_core_dll(u"kernel32.dll");
        exe = loader::load_exe(exe_unix_path);
    }
    peb->ImageBaseAddress = exe->base;
    manifest::record_exe(exe->base, exe->size);
    const IMAGE_OPTIONAL_HEADER64& header = exe->optional_header;
    peb->ImageSubsystem = header.Subsystem;
    peb->ImageSubsystemMajorVersion = header.MajorSubsystemVersion;
    peb->ImageSubsystemMinorVersion = header.MinorSubsystemVersion;
    void* stack_top = create_stack(teb, header.SizeOfStackReserve, header.SizeOfStackCommit);
    loader::allocate_static_tls(teb);

    // The root of a new process group starts with Ctrl+C disabled, as
    // Windows documents; kernel32 keeps SIGINT ignored from then on.
    constexpr uint32_t CREATE_NEW_PROCESS_GROUP = 0x200;
    if (start.creation_flags & CREATE_NEW_PROCESS_GROUP) signal(SIGINT, SIG_IGN);
    // CREATE_SUSPENDED: the image is mapped, but nothing of it runs until
    // the parent calls ResumeThread.
    if (start.suspended) client::wait_until_resumed();
    // DllMain, TLS callbacks and the entry point all run on the Windows
    // stack, where hardware exceptions can be dispatched to their handlers.
    StartModules modules{ntdll, kernel32, exe, peb};
    uint64_t status = vine_call_on_stack(reinterpret_cast<void*>(start_windows_side), &modules, stack_top);
    // An entry point that returns ends the process with its return value.
    loader::exit_process(static_cast<unsigned>(status));
}

}  // namespace vine::process
