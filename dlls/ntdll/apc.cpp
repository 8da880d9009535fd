// User APC queues, one per thread of this process, and the NT calls that
// queue and deliver them. Only threads of this process can be targeted:
// Vine has no way to run code in another process.
#include "vine/locks.h"
#include "apc.h"
#include "async_io.h"

#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <climits>
#include <deque>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "ntdll_private.h"
#include "object.h"
#include "sync_io.h"
#include "timer.h"
#include "vine/server_client.h"
#include "vine/thread_control.h"

namespace ntdll::apc {
namespace {

struct Queue {
    uint32_t pending = 0;  // futex word
    vine::Mutex lock;
    std::deque<std::function<void()>> entries;
};

vine::Mutex g_lock;
std::unordered_map<uint32_t, std::shared_ptr<Queue>> g_queues;

std::shared_ptr<Queue> queue_of(uint32_t thread_id) {
    vine::threads::NoInterrupt region;
    std::lock_guard guard(g_lock);
    auto& queue = g_queues[thread_id];
    if (!queue) queue = std::make_shared<Queue>();
    return queue;
}

}  // namespace

uint32_t* pending_word() { return &queue_of(vine::client::current_thread_id())->pending; }

bool run_pending() {
    auto queue = queue_of(vine::client::current_thread_id());
    bool ran = false;
    for (;;) {
        std::function<void()> entry;
        {
            vine::threads::NoInterrupt region;
            std::lock_guard guard(queue->lock);
            if (queue->entries.empty()) {
                std::atomic_ref<uint32_t>(queue->pending).store(0);
                return ran;
            }
            entry = std::move(queue->entries.front());
            queue->entries.pop_front();
        }
        entry();
        ran = true;
    }
}

void queue(uint32_t thread_id, std::function<void()> call) {
    auto target = queue_of(thread_id);
    {
        vine::threads::NoInterrupt region;
        std::lock_guard guard(target->lock);
        target->entries.push_back(std::move(call));
    }
    std::atomic_ref<uint32_t>(target->pending).store(1);
    syscall(SYS_futex, &target->pending, FUTEX_WAKE_PRIVATE, INT_MAX, nullptr, nullptr, 0);
}

void forget_thread(uint32_t thread_id) {
    vine::threads::NoInterrupt region;
    std::lock_guard guard(g_lock);
    g_queues.erase(thread_id);
}

}  // namespace ntdll::apc

VINE_EXPORT NTSTATUS NtQueueApcThread(HANDLE thread, PNTAPCFUNC routine, ULONG_PTR arg1, ULONG_PTR arg2,
                                      ULONG_PTR arg3) {
    uint32_t thread_id;
    if (thread == ntdll::kCurrentThread) {
        thread_id = vine::client::current_thread_id();
    } else {
        vine::client::HandleInfo info;
        if (!vine::client::handle_info(thread, info)) return STATUS_INVALID_HANDLE;
        if (info.type != vine::protocol::ObjectType::thread) return STATUS_OBJECT_TYPE_MISMATCH;
        thread_id = info.object_id;
        vine::protocol::thread_info_request request{reinterpret_cast<uintptr_t>(thread)};
        vine::protocol::thread_info_reply reply{};
        // Only live threads of this process can run our APCs.
        if (vine::client::call(request, reply) != 0 || reply.process_id != ntdll::current_process_id() ||
            reply.exit_code != 259)
            return STATUS_INVALID_PARAMETER;
    }
    if (!routine) return STATUS_INVALID_PARAMETER;
    ntdll::apc::queue(thread_id, [routine, arg1, arg2, arg3] { routine(arg1, arg2, arg3); });
    return STATUS_SUCCESS;
}

// Delivers the caller's queued APCs now, as the kernel does on the way back
// from NtTestAlert.
VINE_EXPORT NTSTATUS NtTestAlert() {
    ntdll::apc::run_pending();
    return STATUS_SUCCESS;
}

VINE_EXPORT void __vine_forget_thread(DWORD thread_id) {
    ntdll::async::cancel_thread(thread_id);
    ntdll::apc::forget_thread(thread_id);
    ntdll::timers::forget_thread(thread_id);
    ntdll::sync_io::forget_thread(thread_id);
}
