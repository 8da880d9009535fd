#include "crash.h"

#include <dlfcn.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "divide_fault.h"
#include "module.h"
#include "thread_stack.h"
#include "vine/context.h"
#include "vine/loader.h"
#include "vine/server_client.h"
#include "vine/teb.h"
#include "vine/unicode.h"
#include "vine/virtual_memory.h"

namespace vine::crash {
namespace {

std::atomic<void*> exception_dispatcher{nullptr};

// What the signal handler leaves below the faulting stack pointer for
// KiUserExceptionDispatcher.
struct ExceptionFrame {
    CONTEXT context;
    EXCEPTION_RECORD record;
};
static_assert(offsetof(ExceptionFrame, record) == 0x4d0);  // context.S relies on it

// Room the dispatch needs below the exception frame, or it is not tried.
constexpr uintptr_t kDispatchReserve = 16 * 1024;
// Linux's x86-64 ABI lets ELF code keep data below rsp; builtins fault too.
constexpr uintptr_t kRedZone = 128;

constexpr int kTrapDivide = 0, kTrapDebug = 1, kTrapBreakpoint = 3, kTrapGeneralProtection = 13, kTrapPage = 14;

// The ELF symbol an address of ELF code (a builtin's .dll.so, the vine
// executable, a system library) is in, from its dynamic symbols: ", name+0xoffset",
// or empty.
std::string elf_symbol(uintptr_t address) {
    Dl_info info{};
    if (!dladdr(reinterpret_cast<void*>(address), &info) || !info.dli_sname || !info.dli_saddr) return {};
    char buffer[256];
    snprintf(buffer, sizeof(buffer), ", %s+0x%lx", info.dli_sname,
             static_cast<unsigned long>(address - reinterpret_cast<uintptr_t>(info.dli_saddr)));
    return buffer;
}

// "address (module+offset)", with the symbol for builtin code: "address
// (kernel32.dll+0x1234, GetSystemInfo+0x1c)".
std::string describe_address(uintptr_t address) {
    char buffer[512];
    HMODULE module = loader::module_from_address(reinterpret_cast<void*>(address));
    if (!module) {
        Dl_info info{};
        std::string symbol = elf_symbol(address);
        if (!symbol.empty() && dladdr(reinterpret_cast<void*>(address), &info) && info.dli_fname) {
            const char* file = strrchr(info.dli_fname, '/');
            snprintf(buffer, sizeof(buffer), "%016lx (%s%s)", static_cast<unsigned long>(address),
                     file ? file + 1 : info.dli_fname, symbol.c_str());
        } else {
            snprintf(buffer, sizeof(buffer), "%016lx", static_cast<unsigned long>(address));
        }
        return buffer;
    }
    std::u16string path = loader::module_path(module);
    std::string name = utf16_to_utf8(path.substr(path.find_last_of(u'\\') + 1));
    snprintf(buffer, sizeof(buffer), "%016lx (%s+0x%lx%s)", static_cast<unsigned long>(address), name.c_str(),
             static_cast<unsigned long>(address - reinterpret_cast<uintptr_t>(module)), elf_symbol(address).c_str());
    return buffer;
}

void context_from_signal(const ucontext_t* uc, CONTEXT& context) {
    const greg_t* r = uc->uc_mcontext.gregs;
    memset(&context, 0, sizeof(context));
    context.ContextFlags = CONTEXT_FULL | CONTEXT_SEGMENTS;
    context.Rax = r[REG_RAX];
    context.Rcx = r[REG_RCX];
    context.Rdx = r[REG_RDX];
    context.Rbx = r[REG_RBX];
    context.Rsp = r[REG_RSP];
    context.Rbp = r[REG_RBP];
    context.Rsi = r[REG_RSI];
    context.Rdi = r[REG_RDI];
    context.R8 = r[REG_R8];
    context.R9 = r[REG_R9];
    context.R10 = r[REG_R10];
    context.R11 = r[REG_R11];
    context.R12 = r[REG_R12];
    context.R13 = r[REG_R13];
    context.R14 = r[REG_R14];
    context.R15 = r[REG_R15];
    context.Rip = r[REG_RIP];
    context.EFlags = static_cast<DWORD>(r[REG_EFL]);
    context.SegCs = static_cast<WORD>(r[REG_CSGSFS] & 0xffff);
    WORD selector;
    __asm__("movw %%ss, %0" : "=r"(selector));
    context.SegSs = selector;
    __asm__("movw %%ds, %0" : "=r"(selector));
    context.SegDs = context.SegEs = selector;
    if (uc->uc_mcontext.fpregs) {
        memcpy(&context.FltSave, uc->uc_mcontext.fpregs, sizeof(context.FltSave));
        context.MxCsr = context.FltSave.MxCsr;
    }
}

// The instructions that fault with #GP in user mode because they are
// privileged (Windows: STATUS_PRIVILEGED_INSTRUCTION).
bool is_privileged_instruction(const uint8_t* pc) {
    size_t i = 0;
    while (i < 4 && (pc[i] & 0xf0) == 0x40) ++i;  // REX prefixes
    switch (pc[i]) {
    case 0xf4:                     // hlt
    case 0xfa: case 0xfb:          // cli, sti
    case 0xe4: case 0xe5: case 0xe6: case 0xe7:  // in, out imm8
    case 0xec: case 0xed: case 0xee: case 0xef:  // in, out dx
    case 0x6c: case 0x6d: case 0x6e: case 0x6f:  // ins, outs
        return true;
    case 0x0f:
        switch (pc[i + 1]) {
        case 0x06: case 0x08: case 0x09: case 0x30: case 0x32:  // clts, invd, wbinvd, wrmsr, rdmsr
        case 0x20: case 0x21: case 0x22: case 0x23:            // mov to/from control/debug registers
            return true;
        default: return false;
        }
    default: return false;
    }
}

// The Windows exception for a fault, as Windows reports it.
void record_from_signal(int signal, const siginfo_t* info, const ucontext_t* uc, const CONTEXT& context,
                        EXCEPTION_RECORD& record) {
    const greg_t* r = uc->uc_mcontext.gregs;
    memset(&record, 0, sizeof(record));
    record.ExceptionAddress = reinterpret_cast<void*>(context.Rip);
    auto fault = reinterpret_cast<uintptr_t>(info->si_addr);
    auto access_violation = [&](DWORD code, ULONG_PTR kind, ULONG_PTR address) {
        record.ExceptionCode = code;
        record.NumberParameters = 2;
        record.ExceptionInformation[0] = kind;
        record.ExceptionInformation[1] = address;
    };
    switch (signal) {
    case SIGSEGV:
    case SIGBUS: {
        if (signal == SIGSEGV && r[REG_TRAPNO] == kTrapGeneralProtection) {
            if (is_privileged_instruction(reinterpret_cast<const uint8_t*>(context.Rip))) {
                record.ExceptionCode = STATUS_PRIVILEGED_INSTRUCTION;
                break;
            }
            // A non-canonical address: Windows does not know which one.
            access_violation(STATUS_ACCESS_VIOLATION, 0, ~ULONG_PTR{0});
            break;
        }
        ULONG_PTR kind = (r[REG_ERR] & 0x10) ? 8 : (r[REG_ERR] & 2) ? 1 : 0;  // execute, write, read
        if (signal == SIGBUS && info->si_code == BUS_ADRALN) {
            record.ExceptionCode = STATUS_DATATYPE_MISALIGNMENT;
            break;
        }
        if (signal == SIGBUS && info->si_code == BUS_ADRERR) {
            // Past the end of a mapped file: an in-page error, with the I/O status.
            access_violation(STATUS_IN_PAGE_ERROR, kind, fault);
            record.NumberParameters = 3;
            record.ExceptionInformation[2] = STATUS_IN_PAGE_ERROR;
            break;
        }
        access_violation(STATUS_ACCESS_VIOLATION, kind, fault);
        break;
    }
    case SIGILL:
        record.ExceptionCode = info->si_code == ILL_PRVOPC ? STATUS_PRIVILEGED_INSTRUCTION : STATUS_ILLEGAL_INSTRUCTION;
        break;
    case SIGFPE:
        switch (info->si_code) {
        case FPE_INTDIV: record.ExceptionCode = STATUS_INTEGER_DIVIDE_BY_ZERO; break;
        case FPE_INTOVF: record.ExceptionCode = STATUS_INTEGER_OVERFLOW; break;
        case FPE_FLTDIV: record.ExceptionCode = STATUS_FLOAT_DIVIDE_BY_ZERO; break;
        case FPE_FLTOVF: record.ExceptionCode = STATUS_FLOAT_OVERFLOW; break;
        case FPE_FLTUND: record.ExceptionCode = STATUS_FLOAT_UNDERFLOW; break;
        case FPE_FLTRES: record.ExceptionCode = STATUS_FLOAT_INEXACT_RESULT; break;
        case FPE_FLTSUB: record.ExceptionCode = STATUS_ARRAY_BOUNDS_EXCEEDED; break;
        default: record.ExceptionCode = STATUS_FLOAT_INVALID_OPERATION; break;
        }
        if (r[REG_TRAPNO] == kTrapDivide)
            record.ExceptionCode = divisor_nonzero(uc) ? STATUS_INTEGER_OVERFLOW : STATUS_INTEGER_DIVIDE_BY_ZERO;
        break;
    case SIGTRAP:
        if (r[REG_TRAPNO] == kTrapDebug && info->si_code != SI_KERNEL) {
            record.ExceptionCode = STATUS_SINGLE_STEP;
        } else {
            record.ExceptionCode = STATUS_BREAKPOINT;
            record.NumberParameters = 1;  // BREAKPOINT_BREAK
        }
        break;
    default: record.ExceptionCode = 0xc0000001; break;
    }
}

[[noreturn]] void report_and_exit(const EXCEPTION_RECORD& record, const CONTEXT& context) {
    loader::report_exception(&record, &context);
    fflush(nullptr);
    client::report_exit(record.ExceptionCode);
    _exit(static_cast<int>(record.ExceptionCode & 0xff));
}

// An access below the committed part of the thread's stack: the stack
// grows, as Windows' guard page makes it, or it overflows.
stack_guard::Fault stack_fault(int signal, const siginfo_t* info, const ucontext_t* uc) {
    if (signal != SIGSEGV || uc->uc_mcontext.gregs[REG_TRAPNO] != kTrapPage || info->si_code != SEGV_ACCERR)
        return stack_guard::Fault::None;
    return stack_guard::on_fault(reinterpret_cast<uintptr_t>(info->si_addr));
}

void handle_fault(int signal, siginfo_t* info, void* ucontext) {
    auto* uc = static_cast<ucontext_t*>(ucontext);
    stack_guard::Fault stack = stack_fault(signal, info, uc);
    if (stack == stack_guard::Fault::Grown) return;  // the instruction runs again, on the grown stack
    ExceptionFrame frame;
    context_from_signal(uc, frame.context);
    record_from_signal(signal, info, uc, frame.context, frame.record);
    // Reported like an access violation: read or write, and the address.
    if (stack == stack_guard::Fault::Overflow) {
        frame.record.ExceptionCode = STATUS_STACK_OVERFLOW;
    } else if (signal == SIGSEGV && vm::resolve_fault(frame.record)) {
        // The region map's own inaccessible pages (vine/virtual_memory.h): a
        // write-watched page resumes; a guard page becomes its exception.
        return;
    }
    // The breakpoint is reported at the int3, which already ran.
    if (frame.record.ExceptionCode == STATUS_BREAKPOINT && uc->uc_mcontext.gregs[REG_TRAPNO] == kTrapBreakpoint) {
        frame.context.Rip -= 1;
        frame.record.ExceptionAddress = reinterpret_cast<void*>(frame.context.Rip);
    }
    if (frame.record.ExceptionCode == STATUS_SINGLE_STEP) frame.context.EFlags &= ~0x100u;

    // Dispatch on the thread's own stack, below the faulting frame, when
    // ntdll is ready and there is room; otherwise (a stack overflow) report.
    void* dispatcher = exception_dispatcher.load();
    TEB* teb = current_teb();
    uintptr_t rsp = frame.context.Rsp;
    auto stack_limit = reinterpret_cast<uintptr_t>(teb ? teb->Tib.StackLimit : nullptr);
    auto stack_base = reinterpret_cast<uintptr_t>(teb ? teb->Tib.StackBase : nullptr);
    // The frame goes below rsp only when rsp lies in the thread's stack with
    // room to spare; checked before subtracting, so that a guest rsp of zero
    // or anything else unusable cannot wrap around (Windows ends such a
    // process with the exception code; so does the report).
    constexpr uintptr_t kFrameRoom = kRedZone + sizeof(ExceptionFrame) + 64 + kDispatchReserve;
    if (!dispatcher || !teb || rsp > stack_base || rsp < stack_limit || rsp - stack_limit < kFrameRoom)
        report_and_exit(frame.record, frame.context);
    uintptr_t target = ((rsp - kRedZone - sizeof(ExceptionFrame)) & ~uintptr_t{63});
    memcpy(reinterpret_cast<void*>(target), &frame, sizeof(frame));
    greg_t* r = uc->uc_mcontext.gregs;
    r[REG_RSP] = static_cast<greg_t>(target);
    r[REG_RIP] = reinterpret_cast<greg_t>(dispatcher);
    r[REG_EFL] &= ~greg_t{0x40500};  // AC, DF and TF off for the dispatcher
    if (uc->uc_mcontext.fpregs) {
        uc->uc_mcontext.fpregs->mxcsr = 0x1f80;  // default SSE and x87 control for it too
        uc->uc_mcontext.fpregs->cwd = 0x27f;
    }
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

void release_signal_stack() {
    stack_t current{};
    if (sigaltstack(nullptr, &current) != 0 || (current.ss_flags & (SS_DISABLE | SS_ONSTACK))) return;
    stack_t off{};
    off.ss_flags = SS_DISABLE;
    if (sigaltstack(&off, nullptr) == 0) munmap(current.ss_sp, current.ss_size);
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

namespace vine::loader {

void set_exception_dispatcher(void* dispatcher) { crash::exception_dispatcher = dispatcher; }

void report_exception(const EXCEPTION_RECORD* record, const CONTEXT* context) {
    // Guest code may have scribbled over anything the report reads; a
    // fault while reporting comes back here through the dispatcher and
    // ends the process with the first exception's code instead of
    // recursing until the host stack is gone.
    static std::atomic<long> reporting_thread{0};
    static std::atomic<DWORD> first_code{0};
    const long self = syscall(SYS_gettid);
    if (reporting_thread.load() == self) {
        static const char message[] = "vine: a fault while reporting the exception; ending the process\n";
        (void)!write(2, message, sizeof(message) - 1);
        client::report_exit(first_code.load());
        _exit(static_cast<int>(first_code.load() & 0xff));
    }
    long none = 0;
    if (reporting_thread.compare_exchange_strong(none, self)) first_code = record->ExceptionCode;
    fprintf(stderr, "vine: unhandled exception 0x%08x at %s\n", record->ExceptionCode,
            crash::describe_address(reinterpret_cast<uintptr_t>(record->ExceptionAddress)).c_str());
    if (record->ExceptionCode == STATUS_ACCESS_VIOLATION && record->NumberParameters >= 2) {
        ULONG_PTR kind = record->ExceptionInformation[0];
        fprintf(stderr, "vine: access violation %s address %016lx\n",
                kind == 1 ? "writing" : kind == 8 ? "executing" : "reading",
                static_cast<unsigned long>(record->ExceptionInformation[1]));
    }
    if (std::string callout = loader::current_callout(); !callout.empty())
        fprintf(stderr, "vine: the exception happened in %s\n", callout.c_str());
    const CONTEXT& c = *context;
    fprintf(stderr,
            "registers:\n"
            " rax=%016llx rbx=%016llx rcx=%016llx rdx=%016llx\n"
            " rsi=%016llx rdi=%016llx rbp=%016llx rsp=%016llx\n"
            "  r8=%016llx  r9=%016llx r10=%016llx r11=%016llx\n"
            " r12=%016llx r13=%016llx r14=%016llx r15=%016llx\n",
            (unsigned long long)c.Rax, (unsigned long long)c.Rbx, (unsigned long long)c.Rcx,
            (unsigned long long)c.Rdx, (unsigned long long)c.Rsi, (unsigned long long)c.Rdi,
            (unsigned long long)c.Rbp, (unsigned long long)c.Rsp, (unsigned long long)c.R8, (unsigned long long)c.R9,
            (unsigned long long)c.R10, (unsigned long long)c.R11, (unsigned long long)c.R12,
            (unsigned long long)c.R13, (unsigned long long)c.R14, (unsigned long long)c.R15);
    // A few return addresses found on the stack, for orientation; only the
    // part of the stack known to be mapped is read.
    fprintf(stderr, "stack:\n");
    TEB* teb = current_teb();
    auto stack_limit = reinterpret_cast<uintptr_t>(teb ? teb->Tib.StackLimit : nullptr);
    auto stack_base = reinterpret_cast<uintptr_t>(teb ? teb->Tib.StackBase : nullptr);
    auto* stack = reinterpret_cast<const uintptr_t*>(c.Rsp);
    int words = 0, shown = 0;
    if (c.Rsp >= stack_limit && c.Rsp < stack_base) words = static_cast<int>(std::min<uintptr_t>(64, (stack_base - c.Rsp) / 8));
    for (int i = 0; i < words && shown < 8; ++i) {
        uintptr_t value = stack[i];
        if (loader::module_from_address(reinterpret_cast<void*>(value))) {
            fprintf(stderr, "  [rsp+0x%03x] %s\n", i * 8, crash::describe_address(value).c_str());
            ++shown;
        }
    }
    fflush(stderr);
}

}  // namespace vine::loader
