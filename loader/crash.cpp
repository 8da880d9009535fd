#include "crash.h"

#include <signal.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "vine/loader.h"
#include "vine/teb.h"
#include "vine/unicode.h"

namespace vine::crash {
namespace {

constexpr uint32_t EXCEPTION_ACCESS_VIOLATION = 0xc0000005;
constexpr uint32_t EXCEPTION_ILLEGAL_INSTRUCTION = 0xc000001d;
constexpr uint32_t EXCEPTION_INT_DIVIDE_BY_ZERO = 0xc0000094;
constexpr uint32_t EXCEPTION_FLT_INVALID_OPERATION = 0xc0000090;
constexpr uint32_t EXCEPTION_BREAKPOINT = 0x80000003;
constexpr uint32_t EXCEPTION_STACK_OVERFLOW = 0xc00000fd;

uint32_t exception_code(int signal, const siginfo_t* info) {
    switch (signal) {
    case SIGSEGV:
    case SIGBUS: return EXCEPTION_ACCESS_VIOLATION;
    case SIGILL: return EXCEPTION_ILLEGAL_INSTRUCTION;
    case SIGFPE: return info->si_code == FPE_INTDIV ? EXCEPTION_INT_DIVIDE_BY_ZERO : EXCEPTION_FLT_INVALID_OPERATION;
    case SIGTRAP: return EXCEPTION_BREAKPOINT;
    default: return 0xc0000001;
    }
}

std::string describe_address(uintptr_t address) {
    char buffer[256];
    HMODULE module = loader::module_from_address(reinterpret_cast<void*>(address));
    if (!module) {
        snprintf(buffer, sizeof(buffer), "%016lx", static_cast<unsigned long>(address));
        return buffer;
    }
    std::u16string path = loader::module_path(module);
    std::string name = utf16_to_utf8(path.substr(path.find_last_of(u'\\') + 1));
    snprintf(buffer, sizeof(buffer), "%016lx (%s+0x%lx)", static_cast<unsigned long>(address), name.c_str(),
             static_cast<unsigned long>(address - reinterpret_cast<uintptr_t>(module)));
    return buffer;
}

void handle_fault(int signal, siginfo_t* info, void* context) {
    auto* uc = static_cast<ucontext_t*>(context);
    const greg_t* r = uc->uc_mcontext.gregs;
    uintptr_t pc = static_cast<uintptr_t>(r[REG_RIP]);
    uint32_t code = exception_code(signal, info);
    uintptr_t rsp = static_cast<uintptr_t>(r[REG_RSP]);
    uintptr_t fault = reinterpret_cast<uintptr_t>(info->si_addr);
    // A fault in the guard page(s) below the thread's stack is an overflow.
    TEB* teb = current_teb();
    auto stack_low = reinterpret_cast<uintptr_t>(teb ? teb->DeallocationStack : nullptr);
    auto stack_limit = reinterpret_cast<uintptr_t>(teb ? teb->Tib.StackLimit : nullptr);
    auto stack_base = reinterpret_cast<uintptr_t>(teb ? teb->Tib.StackBase : nullptr);
    if (code == EXCEPTION_ACCESS_VIOLATION && stack_low && fault >= stack_low && fault < stack_limit + 0x1000)
        code = EXCEPTION_STACK_OVERFLOW;
    fprintf(stderr, "vine: unhandled exception 0x%08x at %s\n", code, describe_address(pc).c_str());
    if (code == EXCEPTION_ACCESS_VIOLATION) {
        bool write = (r[REG_ERR] & 2) != 0;
        fprintf(stderr, "vine: access violation %s address %016lx\n", write ? "writing" : "reading",
                static_cast<unsigned long>(fault));
    }
    fprintf(stderr,
            "registers:\n"
            " rax=%016llx rbx=%016llx rcx=%016llx rdx=%016llx\n"
            " rsi=%016llx rdi=%016llx rbp=%016llx rsp=%016llx\n"
            "  r8=%016llx  r9=%016llx r10=%016llx r11=%016llx\n"
            " r12=%016llx r13=%016llx r14=%016llx r15=%016llx\n",
            (unsigned long long)r[REG_RAX], (unsigned long long)r[REG_RBX], (unsigned long long)r[REG_RCX],
            (unsigned long long)r[REG_RDX], (unsigned long long)r[REG_RSI], (unsigned long long)r[REG_RDI],
            (unsigned long long)r[REG_RBP], (unsigned long long)r[REG_RSP], (unsigned long long)r[REG_R8],
            (unsigned long long)r[REG_R9], (unsigned long long)r[REG_R10], (unsigned long long)r[REG_R11],
            (unsigned long long)r[REG_R12], (unsigned long long)r[REG_R13], (unsigned long long)r[REG_R14],
            (unsigned long long)r[REG_R15]);
    // A few return addresses found on the stack, for orientation.
    fprintf(stderr, "stack:\n");
    auto* stack = reinterpret_cast<const uintptr_t*>(rsp);
    int shown = 0;
    // Only the part of the stack known to be mapped is read.
    int words = 0;
    if (rsp >= stack_limit && rsp < stack_base) words = static_cast<int>(std::min<uintptr_t>(64, (stack_base - rsp) / 8));
    for (int i = 0; i < words && shown < 8; ++i) {
        uintptr_t value = stack[i];
        if (loader::module_from_address(reinterpret_cast<void*>(value))) {
            fprintf(stderr, "  [rsp+0x%03x] %s\n", i * 8, describe_address(value).c_str());
            ++shown;
        }
    }
    fflush(nullptr);
    _exit(static_cast<int>(code & 0xff));
}

}  // namespace

void install_signal_stack() {
    constexpr size_t kSize = 64 * 1024;
    void* memory = mmap(nullptr, kSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (memory == MAP_FAILED) return;
    stack_t stack{};
    stack.ss_sp = memory;
    stack.ss_size = kSize;
    sigaltstack(&stack, nullptr);
}

void install_handlers() {
    install_signal_stack();
    struct sigaction action {};
    action.sa_sigaction = handle_fault;
    action.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&action.sa_mask);
    for (int signal : {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP}) sigaction(signal, &action, nullptr);
}

}  // namespace vine::crash
