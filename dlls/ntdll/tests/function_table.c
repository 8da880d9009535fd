/* JIT code: functions generated at run time into VirtualAlloc'd memory, with
   their unwind information, made known with RtlAddFunctionTable,
   RtlInstallFunctionTableCallback or RtlAddGrowableFunctionTable. Once
   registered, RtlLookupFunctionEntry finds them, an exception raised inside
   them (a fault, or RaiseException in a function they call) unwinds
   through them to the caller's __except, and RtlCaptureStackBackTrace and
   RtlWalkFrameChain walk through them. */
#include <windows.h>
#include "vinetest.h"

typedef NTSTATUS(WINAPI *add_growable_fn)(void **, RUNTIME_FUNCTION *, DWORD, DWORD, ULONG_PTR, ULONG_PTR);
typedef void(WINAPI *grow_fn)(void *, DWORD);
typedef void(WINAPI *delete_growable_fn)(void *);
typedef ULONG(WINAPI *walk_fn)(void **, ULONG, ULONG);
typedef BOOLEAN(WINAPI *install_callback_fn)(DWORD64, DWORD64, DWORD, PGET_RUNTIME_FUNCTION_CALLBACK, PVOID, PCWSTR);
typedef USHORT(WINAPI *capture_fn)(ULONG, ULONG, void **, ULONG *);

/* __try { return fn(arg); } __except (jit_filter(GetExceptionInformation())) { return -1; } */
int guarded_call(void *fn, void *arg);
extern char guarded_call_return[];

static DWORD filter_code;
static ULONG_PTR filter_info1;
static int filter_calls;

LONG jit_filter(EXCEPTION_POINTERS *pointers, void *frame)
{
    (void)frame;
    filter_calls++;
    filter_code = pointers->ExceptionRecord->ExceptionCode;
    filter_info1 = pointers->ExceptionRecord->NumberParameters >= 2 ? pointers->ExceptionRecord->ExceptionInformation[1] : 0;
    return EXCEPTION_EXECUTE_HANDLER;
}

__asm__(".text\n"
        ".globl guarded_call\n.def guarded_call; .scl 2; .type 32; .endef\n.seh_proc guarded_call\n"
        "guarded_call:\n\tsubq $40, %rsp\n\t.seh_stackalloc 40\n\t.seh_endprologue\n"
        "\tmovq %rcx, %rax\n\tmovq %rdx, %rcx\n"
        ".Lguarded_begin:\n\tcall *%rax\n.globl guarded_call_return\nguarded_call_return:\n\tnop\n.Lguarded_end:\n"
        "\taddq $40, %rsp\n\tret\n"
        ".Lguarded_target:\n\tmovl $-1, %eax\n\taddq $40, %rsp\n\tret\n"
        "\t.seh_handler __C_specific_handler, @except\n\t.seh_handlerdata\n"
        "\t.long 1\n\t.rva .Lguarded_begin, .Lguarded_end, jit_filter, .Lguarded_target\n"
        "\t.text\n\t.seh_endproc\n");

/* The generated code. Both functions: push rbx; sub rsp, 0x20 (the
   prologue, 5 bytes); clobber rbx; then the fault writes to address 0x10,
   the call calls its argument; add rsp, 0x20; pop rbx; ret. */
static const BYTE fault_code[] = {0x53, 0x48, 0x83, 0xec, 0x20, 0x31, 0xdb, 0xc7, 0x04, 0x25, 0x10, 0x00, 0x00,
                                  0x00, 0x01, 0x00, 0x00, 0x00, 0x48, 0x83, 0xc4, 0x20, 0x5b, 0xc3};
static const BYTE call_code[] = {0x53, 0x48, 0x83, 0xec, 0x20, 0x31, 0xdb, 0xff, 0xd1,
                                 0x48, 0x83, 0xc4, 0x20, 0x5b, 0xc3};
#define CALL_RETURN_OFFSET 9 /* after "call rcx" */
/* UNWIND_INFO: version 1, prologue 5 bytes, 2 codes: at 5 UWOP_ALLOC_SMALL
   (3 * 8 + 8 = 0x20), at 1 UWOP_PUSH_NONVOL rbx. */
static const BYTE unwind_info[] = {0x01, 0x05, 0x02, 0x00, 0x05, 0x32, 0x01, 0x30};

enum { FAULT_RVA = 0x100, CALL_RVA = 0x140, UNWIND_RVA = 0x200, TABLE_RVA = 0x300 };

static BYTE *jit;
static RUNTIME_FUNCTION *table;
static void *fault_fn, *call_fn;

static void raising_callback(void) { RaiseException(0xe0000123, 0, 0, NULL); }

static void *frames[16];
static USHORT captured;
static ULONG captured_hash, walked, walked_skip;
static void *walked_frames[16], *walked_skip_frames[16];
static capture_fn capture;
static walk_fn walk;

static ULONG again_hash[2];
static USHORT again_count[2];
static void *again_frames[2][16];

static int __attribute__((noinline)) backtrace_callback(void)
{
    volatile int times = 2; /* one call site: the loop must not be unrolled */
    int i;
    captured = capture(0, 16, frames, &captured_hash);
    for (i = 0; i < times; i++) again_count[i] = capture(0, 16, again_frames[i], &again_hash[i]);
    walked = walk(walked_frames, 16, 0);
    walked_skip = walk(walked_skip_frames, 16, 1 << 8);
    return 5;
}

static int callback_calls;
static void *callback_context_seen;

static RUNTIME_FUNCTION *WINAPI table_callback(DWORD64 pc, PVOID context)
{
    int i;
    callback_calls++;
    callback_context_seen = context;
    for (i = 0; i < 2; i++)
        if (pc >= (DWORD64)jit + table[i].BeginAddress && pc < (DWORD64)jit + table[i].EndAddress) return &table[i];
    return NULL;
}

static void check_lookup(const char *what, void *pc, RUNTIME_FUNCTION *expected)
{
    DWORD64 base = 0xdead;
    RUNTIME_FUNCTION *found = RtlLookupFunctionEntry((DWORD64)pc, &base, NULL);
    if (expected)
        ok(found == expected && base == (DWORD64)jit, "%s: entry %p base %p (expected %p, %p)", what, found,
           (void *)base, expected, jit);
    else
        ok(found == NULL, "%s: no entry (%p)", what, found);
}

static void check_catch(const char *what)
{
    filter_calls = 0;
    filter_code = 0;
    ok(guarded_call(fault_fn, NULL) == -1, "%s: fault in JIT code caught by the caller", what);
    ok(filter_calls == 1 && filter_code == EXCEPTION_ACCESS_VIOLATION && filter_info1 == 0x10,
       "%s: access violation at 0x10 (%d, %08lx, %#lx)", what, filter_calls, filter_code, (unsigned long)filter_info1);
    filter_calls = 0;
    filter_code = 0;
    ok(guarded_call(call_fn, (void *)raising_callback) == -1, "%s: RaiseException below JIT code caught", what);
    ok(filter_calls == 1 && filter_code == 0xe0000123, "%s: code %08lx", what, filter_code);
}

int main(void)
{
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");
    add_growable_fn add_growable = (add_growable_fn)GetProcAddress(ntdll, "RtlAddGrowableFunctionTable");
    grow_fn grow = (grow_fn)GetProcAddress(ntdll, "RtlGrowFunctionTable");
    delete_growable_fn delete_growable = (delete_growable_fn)GetProcAddress(ntdll, "RtlDeleteGrowableFunctionTable");
    install_callback_fn install = (install_callback_fn)GetProcAddress(ntdll, "RtlInstallFunctionTableCallback");
    void *growable = NULL;

    capture = (capture_fn)GetProcAddress(ntdll, "RtlCaptureStackBackTrace");
    walk = (walk_fn)GetProcAddress(ntdll, "RtlWalkFrameChain");
    ok(add_growable && grow && delete_growable && install && capture && walk, "ntdll exports the functions");
    if (!add_growable || !grow || !delete_growable || !install || !capture || !walk) return vt_summary();

    jit = VirtualAlloc(NULL, 0x10000, MEM_RESERVE | MEM_COMMIT, PAGE_EXECUTE_READWRITE);
    ok(jit != NULL, "VirtualAlloc");
    memcpy(jit + FAULT_RVA, fault_code, sizeof(fault_code));
    memcpy(jit + CALL_RVA, call_code, sizeof(call_code));
    memcpy(jit + UNWIND_RVA, unwind_info, sizeof(unwind_info));
    table = (RUNTIME_FUNCTION *)(jit + TABLE_RVA);
    table[0].BeginAddress = FAULT_RVA;
    table[0].EndAddress = FAULT_RVA + sizeof(fault_code);
    table[0].UnwindData = UNWIND_RVA;
    table[1].BeginAddress = CALL_RVA;
    table[1].EndAddress = CALL_RVA + sizeof(call_code);
    table[1].UnwindData = UNWIND_RVA;
    fault_fn = jit + FAULT_RVA;
    call_fn = jit + CALL_RVA;

    /* RtlPcToFileHeader: the module of an address, none for JIT code. */
    {
        void *base = (void *)1, *found = RtlPcToFileHeader((void *)main, &base);
        ok(found == GetModuleHandleA(NULL) && base == found, "RtlPcToFileHeader(main): the EXE (%p, %p)", found, base);
        base = (void *)1;
        found = RtlPcToFileHeader((void *)GetProcAddress(ntdll, "RtlPcToFileHeader"), &base);
        ok(found == ntdll && base == ntdll, "RtlPcToFileHeader of an ntdll function: ntdll (%p, %p)", found, base);
        base = (void *)1;
        found = RtlPcToFileHeader(jit + FAULT_RVA, &base);
        ok(found == NULL && base == NULL, "RtlPcToFileHeader of JIT code: none (%p, %p)", found, base);
    }

    /* Nothing is known about the code yet. */
    check_lookup("unregistered", jit + FAULT_RVA + 3, NULL);

    /* RtlAddFunctionTable */
    ok(RtlAddFunctionTable(table, 2, (DWORD64)jit), "RtlAddFunctionTable");
    check_lookup("table: fault function", jit + FAULT_RVA + 3, &table[0]);
    check_lookup("table: call function", jit + CALL_RVA + 7, &table[1]);
    check_lookup("table: between them", jit + FAULT_RVA + sizeof(fault_code) + 4, NULL);
    check_catch("table");

    /* Stack walks through the JIT frame. */
    captured = 0;
    ok(guarded_call(call_fn, (void *)backtrace_callback) == 5, "the JIT function returns its callee's value");
    ok(captured >= 3, "RtlCaptureStackBackTrace: %u frames", captured);
    ok((char *)frames[0] > (char *)backtrace_callback && (char *)frames[0] < (char *)backtrace_callback + 0x100,
       "frame 0 %p is in the caller, backtrace_callback %p", frames[0], (void *)backtrace_callback);
    ok(frames[1] == jit + CALL_RVA + CALL_RETURN_OFFSET, "frame 1 %p is the JIT function's return address %p",
       frames[1], jit + CALL_RVA + CALL_RETURN_OFFSET);
    ok(frames[2] == guarded_call_return, "frame 2 %p is guarded_call's %p", frames[2], guarded_call_return);
    ok(again_count[0] == captured && again_count[1] == captured &&
       !memcmp(again_frames[0] + 1, frames + 1, (captured - 1) * sizeof(void *)) &&
       !memcmp(again_frames[0], again_frames[1], captured * sizeof(void *)),
       "the same trace from the same place (%u, %u)", again_count[0], again_count[1]);
    ok(again_hash[0] == again_hash[1], "equal traces hash equal (%08lx, %08lx)", again_hash[0], again_hash[1]);
    ok(again_frames[0][0] != frames[0] && again_hash[0] != captured_hash,
       "another return address, another hash (%08lx, %08lx)", again_hash[0], captured_hash);
    ok(walked >= 3 && (char *)walked_frames[0] > (char *)backtrace_callback &&
       (char *)walked_frames[0] < (char *)backtrace_callback + 0x100 &&
       walked_frames[1] == jit + CALL_RVA + CALL_RETURN_OFFSET && walked_frames[2] == guarded_call_return,
       "RtlWalkFrameChain: %p %p %p", walked_frames[0], walked_frames[1], walked_frames[2]);
    ok(walked_skip == walked - 1 && walked_skip_frames[0] == jit + CALL_RVA + CALL_RETURN_OFFSET &&
       walked_skip_frames[1] == guarded_call_return,
       "RtlWalkFrameChain skipping one: %lu, %p %p", walked_skip, walked_skip_frames[0], walked_skip_frames[1]);
    captured = capture(1, 2, frames, NULL);
    ok(captured == 2, "RtlCaptureStackBackTrace(1, 2): %u frames", captured);

    ok(RtlDeleteFunctionTable(table), "RtlDeleteFunctionTable");
    ok(!RtlDeleteFunctionTable(table), "RtlDeleteFunctionTable again fails");
    check_lookup("table deleted", jit + FAULT_RVA + 3, NULL);

    /* RtlInstallFunctionTableCallback: the identifier's two low bits are set. */
    ok(!install((DWORD64)jit, (DWORD64)jit, 0x1000, table_callback, (void *)0x1234, NULL),
       "a callback identifier without its low bits is refused");
    ok(install((DWORD64)jit | 3, (DWORD64)jit, 0x1000, table_callback, (void *)0x1234, NULL),
       "RtlInstallFunctionTableCallback");
    callback_calls = 0;
    check_lookup("callback: fault function", jit + FAULT_RVA + 3, &table[0]);
    ok(callback_calls == 1 && callback_context_seen == (void *)0x1234, "the callback was asked (%d, %p)",
       callback_calls, callback_context_seen);
    check_lookup("callback: outside its range", jit + 0x2000, NULL);
    check_catch("callback");
    ok(RtlDeleteFunctionTable((RUNTIME_FUNCTION *)((DWORD64)jit | 3)), "RtlDeleteFunctionTable of the callback");
    callback_calls = 0;
    check_lookup("callback deleted", jit + FAULT_RVA + 3, NULL);
    ok(callback_calls == 0, "a deleted callback is not called (%d)", callback_calls);

    /* RtlAddGrowableFunctionTable: one entry first, the second added later. */
    ok(add_growable(&growable, table, 1, 2, (ULONG_PTR)jit, (ULONG_PTR)jit + 0x1000) == 0,
       "RtlAddGrowableFunctionTable");
    ok(growable != NULL, "a growable table handle");
    check_lookup("growable: first entry", jit + FAULT_RVA + 3, &table[0]);
    check_lookup("growable: not yet grown", jit + CALL_RVA + 7, NULL);
    grow(growable, 2);
    check_lookup("growable: grown", jit + CALL_RVA + 7, &table[1]);
    check_catch("growable");
    delete_growable(growable);
    check_lookup("growable deleted", jit + FAULT_RVA + 3, NULL);

    VirtualFree(jit, 0, MEM_RELEASE);
    return vt_summary();
}
