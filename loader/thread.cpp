// The Windows side of a new thread: TEB, static TLS, DLL notifications.
#include <asm/prctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "address_space.h"
#include "crash.h"
#include "module.h"
#include "vine/loader.h"
#include "vine/thread_control.h"

namespace vine::loader {

void* thread_attach(void* peb, void* stack_low, void* stack_high, uint32_t process_id, uint32_t thread_id) {
    auto* teb = static_cast<TEB*>(address_space::map_anywhere(0x2000, PROT_READ | PROT_WRITE));
    if (!teb) return nullptr;
    teb->Tib.Self = &teb->Tib;
    teb->Tib.ExceptionList = reinterpret_cast<void*>(~uintptr_t{0});
    teb->Tib.StackBase = stack_high;
    teb->Tib.StackLimit = stack_low;
    teb->DeallocationStack = stack_low;
    teb->ProcessEnvironmentBlock = static_cast<PEB*>(peb);
    teb->ClientId.UniqueProcess = reinterpret_cast<HANDLE>(static_cast<uintptr_t>(process_id));
    teb->ClientId.UniqueThread = reinterpret_cast<HANDLE>(static_cast<uintptr_t>(thread_id));
    if (syscall(SYS_arch_prctl, ARCH_SET_GS, teb) != 0) return nullptr;
    crash::install_signal_stack();
    threads::set_teb(teb);
    allocate_static_tls(teb);
    notify_threads(DLL_THREAD_ATTACH);
    return teb;
}

void thread_detach() { notify_threads(DLL_THREAD_DETACH); }

void thread_release() { crash::release_signal_stack(); }

}  // namespace vine::loader
