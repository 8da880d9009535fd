// Memory operations on another process (VirtualAllocEx, VirtualFreeEx,
// VirtualProtectEx, VirtualQueryEx): the target's region map lives in the
// target, so the server checks the caller's handle, forwards the call over
// the target's service socket (the death notice socket pair, whose other
// end a service thread of the target reads: loader/memory_service.cpp) and
// keeps the caller waiting until the result comes back.
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <map>

#include "server.h"

namespace vine::server {

using namespace protocol;

namespace {

constexpr uint32_t kStatusProcessIsTerminating = 0xc000010a;

struct PendingCall {
    std::weak_ptr<Process> caller;
    uint32_t target_id = 0;
};

uint64_t g_next_call = 1;
std::map<uint64_t, PendingCall> g_pending;

void answer(const PendingCall& call, const RemoteMemoryResult& result) {
    auto caller = call.caller.lock();
    if (!caller || !caller->client || caller->client->dead) return;
    Reply reply;
    reply.set(remote_memory_reply{result});
    send_reply(*caller->client, reply);
}

void fail_pending_of(uint32_t target_id) {
    for (auto it = g_pending.begin(); it != g_pending.end();) {
        if (it->second.target_id != target_id) {
            ++it;
            continue;
        }
        RemoteMemoryResult result{};
        result.call_id = it->first;
        result.status = kStatusProcessIsTerminating;
        PendingCall call = it->second;
        it = g_pending.erase(it);
        answer(call, result);
    }
}

void on_result(uint32_t process_id) {
    auto process = find_process(process_id);
    if (!process || process->death_notice < 0) return;
    for (;;) {
        RemoteMemoryResult result{};
        ssize_t n = recv(process->death_notice, &result, sizeof(result), MSG_DONTWAIT);
        if (n < 0 && (errno == EAGAIN || errno == EINTR)) return;
        if (n != static_cast<ssize_t>(sizeof(result))) {
            // Gone (or talking nonsense): its calls fail; its connection's
            // end ends the process.
            stop_memory_service(*process);
            return;
        }
        auto found = g_pending.find(result.call_id);
        if (found == g_pending.end() || found->second.target_id != process_id) continue;
        PendingCall call = found->second;
        g_pending.erase(found);
        answer(call, result);
    }
}

bool forward(Process& target, const RemoteMemoryCall& call) {
    return send(target.death_notice, &call, sizeof(call), MSG_DONTWAIT | MSG_NOSIGNAL) ==
           static_cast<ssize_t>(sizeof(call));
}

}  // namespace

void start_memory_service(Process& process) {
    if (process.death_notice < 0) return;
    uint32_t id = process.id;
    watch_fd(process.death_notice, [id] { on_result(id); });
    std::vector<RemoteMemoryCall> queued;
    queued.swap(process.queued_memory_calls);
    for (const RemoteMemoryCall& call : queued)
        if (!forward(process, call)) {
            stop_memory_service(process);
            return;
        }
}

void stop_memory_service(Process& process) {
    if (process.death_notice >= 0) unwatch_fd(process.death_notice);
    process.queued_memory_calls.clear();
    fail_pending_of(process.id);
}

void handle_remote_memory(Request& request, Reply& reply) {
    auto req = request.get<remote_memory_request>();
    uint32_t granted = 0;
    auto target = resolve_as<Process>(*request.client.process, req.process, ObjectType::process, &granted);
    if (!target) return reply.fail(status::invalid_handle);
    if (req.call.op > remote_query) return reply.fail(status::invalid_parameter);
    uint32_t needed = req.call.op == remote_query ? access::process_query_information : access::process_vm_operation;
    if ((granted & needed) != needed) return reply.fail(status::access_denied);
    // The caller's own process is the client's business.
    if (target->id == request.client.process->id) return reply.fail(status::invalid_parameter);
    remote_memory_reply out{};
    if (target->ended) {
        out.result.status = kStatusProcessIsTerminating;
        return reply.set(out);
    }
    req.call.call_id = g_next_call++;
    if (target->death_notice < 0) {
        target->queued_memory_calls.push_back(req.call);  // sent when it connects
    } else if (!forward(*target, req.call)) {
        out.result.status = kStatusProcessIsTerminating;
        return reply.set(out);
    }
    g_pending[req.call.call_id] = PendingCall{request.client.process, target->id};
    reply.deferred = true;
}

}  // namespace vine::server
