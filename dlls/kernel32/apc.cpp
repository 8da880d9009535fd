#include "apc.h"

#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <climits>
#include <deque>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "kernel32_private.h"
#include "vine/server_client.h"
#include "vine/thread_control.h"

using namespace kernel32;

namespace kernel32::apc {
namespace {

using ApcRoutine = void(WINAPI*)(ULONG_PTR);

struct Queue {
    uint32_t pending = 0;  // futex word
    std::mutex lock;
    std::deque<std::function<void()>> entries;
};

std::mutex g_lock;
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

}  // namespace kernel32::apc

VINE_EXPORT DWORD QueueUserAPC(kernel32::apc::ApcRoutine routine, HANDLE thread, ULONG_PTR data) {
    uint32_t thread_id;
    if (thread == reinterpret_cast<HANDLE>(-2)) {
        thread_id = vine::client::current_thread_id();
    } else {
        vine::client::HandleInfo info;
        if (!vine::client::handle_info(thread, info) || info.type != vine::protocol::ObjectType::thread) {
            set_error(ERROR_INVALID_HANDLE);
            return 0;
        }
        thread_id = info.object_id;
        vine::protocol::thread_info_request request{reinterpret_cast<uintptr_t>(thread)};
        vine::protocol::thread_info_reply reply{};
        // Only threads of this process can run our APCs.
        if (vine::client::call(request, reply) != 0 || reply.process_id != GetCurrentProcessId() ||
            reply.exit_code != 259) {
            set_error(ERROR_INVALID_PARAMETER);
            return 0;
        }
    }
    if (!routine) {
        set_error(ERROR_INVALID_PARAMETER);
        return 0;
    }
    kernel32::apc::queue(thread_id, [routine, data] { routine(data); });
    return 1;
}
