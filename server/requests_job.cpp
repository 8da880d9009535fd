// Job objects: sets of processes that can be limited, queried and ended
// together. The server keeps the membership (a process is in at most one
// job: Vine does not nest jobs, as Windows before 8 did not, so assigning a
// process already in another job fails with access_denied) and acts on the
// limits that concern membership and lifetime:
// JOB_OBJECT_LIMIT_BREAKAWAY_OK and _SILENT_BREAKAWAY_OK when a member
// creates a child, JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE when the job's last
// handle goes. Limits on time, memory, working sets, process counts,
// affinity and priority are not kept: ntdll refuses them.
#include <signal.h>

#include <algorithm>
#include <cstring>

#include "server.h"

namespace vine::server {

using namespace protocol;

namespace {

constexpr uint32_t kBreakawayOk = 0x800;         // JOB_OBJECT_LIMIT_BREAKAWAY_OK
constexpr uint32_t kSilentBreakawayOk = 0x1000;  // JOB_OBJECT_LIMIT_SILENT_BREAKAWAY_OK
constexpr uint32_t kKillOnJobClose = 0x2000;     // JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
// The flags a job keeps (ntdll checks the same set, so anything else is a
// client gone wrong): those above and DIE_ON_UNHANDLED_EXCEPTION (0x400),
// which asks for no error box on a crash; Vine shows none anyway.
constexpr uint32_t kKeptFlags = 0x400 | kBreakawayOk | kSilentBreakawayOk | kKillOnJobClose;
constexpr uint32_t kCreateBreakawayFromJob = 0x01000000;

// The standard rights and the job rights a request asks for, generic
// rights mapped as Windows maps them for jobs.
uint32_t job_access(uint32_t access) {
    uint32_t specific = access & 0x00ffffff & ~access::maximum_allowed;
    if (access & access::generic_read) specific |= 0x00020000 | access::job_query;
    if (access & access::generic_write) specific |= 0x00020000 | access::job_assign_process |
                                                    access::job_set_attributes | access::job_terminate;
    if (access & access::generic_execute) specific |= 0x00020000 | access::synchronize;
    if (access & (access::generic_all | access::maximum_allowed)) specific |= access::job_all_access;
    return specific;
}

std::shared_ptr<JobObject> resolve_job(Request& request, uint64_t handle, uint32_t needed, Reply& reply) {
    uint32_t granted = 0;
    auto object = resolve_handle(*request.client.process, handle, &granted);
    if (!object) {
        reply.fail(status::invalid_handle);
        return nullptr;
    }
    if (object->type != ObjectType::job) {
        reply.fail(status::invalid_handle);
        return nullptr;
    }
    if ((granted & needed) != needed) {
        reply.fail(status::access_denied);
        return nullptr;
    }
    return std::static_pointer_cast<JobObject>(object);
}

void join(const std::shared_ptr<JobState>& job, const std::shared_ptr<Process>& process) {
    process->job = job;
    job->members.push_back(process);
    ++job->total_processes;
}

// Ends the running members but `spare` (the caller, which ends itself).
void end_members(JobState& job, uint32_t exit_code, const Process* spare) {
    for (auto& member : job.running()) {
        if (member.get() == spare) continue;
        signal_unix_process(*member, SIGKILL);
        end_process(*member, exit_code);
    }
}

}  // namespace

std::vector<std::shared_ptr<Process>> JobState::running() {
    std::vector<std::shared_ptr<Process>> live;
    std::erase_if(members, [&](const std::weak_ptr<Process>& weak) {
        auto member = weak.lock();
        if (!member || member->ended) return true;
        live.push_back(std::move(member));
        return false;
    });
    return live;
}

namespace {
// Members of KILL_ON_JOB_CLOSE jobs whose last handle went, to end once the
// request (or the ending of a process) that closed it is over: ending them
// at once could end the very process whose request is being served.
std::vector<std::weak_ptr<Process>> g_doomed;
}  // namespace

JobObject::~JobObject() {
    // The last handle is gone. Its members stay in the job (their children
    // still join it) unless it is to kill them.
    if (!(state->limit_flags & kKillOnJobClose) || !server_running()) return;
    for (auto& member : state->running()) g_doomed.push_back(member);
}

void end_doomed_processes() {
    while (!g_doomed.empty()) {
        auto doomed = std::move(g_doomed);
        g_doomed.clear();
        for (auto& weak : doomed) {
            auto member = weak.lock();
            if (!member || member->ended) continue;
            signal_unix_process(*member, SIGKILL);
            // The exit code Vine gives: that of TerminateJobObject(job, 0).
            end_process(*member, 0);
        }
    }
}

uint32_t job_check_breakaway(const Process& parent, uint32_t creation_flags) {
    if (!parent.job || !(creation_flags & kCreateBreakawayFromJob)) return 0;
    return (parent.job->limit_flags & kBreakawayOk) ? 0 : status::access_denied;
}

void job_add_child(const Process& parent, const std::shared_ptr<Process>& child, uint32_t creation_flags) {
    if (!parent.job) return;
    uint32_t flags = parent.job->limit_flags;
    if ((creation_flags & kCreateBreakawayFromJob) && (flags & kBreakawayOk)) return;
    if (flags & kSilentBreakawayOk) return;
    join(parent.job, child);
}

void handle_create_job(Request& request, Reply& reply) {
    auto req = request.get<create_job_request>();
    if ((req.flags & ~uint32_t{create_open_existing | create_open_if}) || request.view.var_size % 2 ||
        request.view.var_size / 2 > kMaxNameLength)
        return reply.fail(status::invalid_parameter);
    std::u16string name(request.view.var_size / 2, u'\0');
    if (!name.empty()) memcpy(name.data(), request.view.var, request.view.var_size);
    std::u16string full;
    std::shared_ptr<Object> found;
    if (uint32_t error = find_for_create(name, req.flags, ObjectType::job, full, found)) return reply.fail(error);
    auto job = std::static_pointer_cast<JobObject>(found);
    bool existed = job != nullptr;
    if (!job) {
        job = std::make_shared<JobObject>();
        if (!full.empty()) insert_name(full, job);
    }
    uint64_t handle = insert_handle(*request.client.process, job, job_access(req.access), req.inherit != 0);
    if (!handle) return reply.fail(status::not_enough_memory);
    reply.set(create_job_reply{handle, existed ? 1u : 0u, 0});
}

void handle_assign_job(Request& request, Reply& reply) {
    auto req = request.get<assign_job_request>();
    auto job = resolve_job(request, req.job, access::job_assign_process, reply);
    if (!job) return;
    uint32_t granted = 0;
    auto process = resolve_as<Process>(*request.client.process, req.process, ObjectType::process, &granted);
    if (!process) return reply.fail(status::invalid_handle);
    // Windows asks for PROCESS_SET_QUOTA and PROCESS_TERMINATE.
    constexpr uint32_t kProcessSetQuota = 0x0100;
    if ((granted & (kProcessSetQuota | access::process_terminate)) != (kProcessSetQuota | access::process_terminate))
        return reply.fail(status::access_denied);
    if (process->ended) return reply.fail(status::access_denied);
    if (process->job) {
        // Already in this job: nothing to do; in another: no nesting.
        if (process->job == job->state) return reply.set(assign_job_reply{});
        return reply.fail(status::access_denied);
    }
    join(job->state, process);
    reply.set(assign_job_reply{});
}

void handle_set_job_limits(Request& request, Reply& reply) {
    auto req = request.get<set_job_limits_request>();
    auto job = resolve_job(request, req.job, access::job_set_attributes, reply);
    if (!job) return;
    if (req.limit_flags & ~kKeptFlags) return reply.fail(status::invalid_parameter);
    job->state->limit_flags = req.limit_flags;
    reply.set(set_job_limits_reply{});
}

void handle_job_info(Request& request, Reply& reply) {
    auto req = request.get<job_info_request>();
    // No handle: the caller's own job (access_denied when it is in none).
    std::shared_ptr<JobState> held = request.client.process->job;
    if (req.job) {
        auto job = resolve_job(request, req.job, access::job_query, reply);
        if (!job) return;
        held = job->state;
    } else if (!held) {
        return reply.fail(status::access_denied);
    }
    JobState& state = *held;
    auto running = state.running();
    job_info_reply out{};
    out.limit_flags = state.limit_flags;
    out.total_processes = state.total_processes;
    out.active_processes = static_cast<uint32_t>(running.size());
    // Processes ended for breaking a limit: Vine enforces no limit that
    // ends processes, so none.
    out.terminated_processes = 0;
    size_t count = std::min<size_t>(running.size(), req.max_ids);
    // The reply's variable part is bounded by the protocol; a job with more
    // members than that reports the first ones.
    count = std::min<size_t>(count, kMaxVarSize / sizeof(uint32_t));
    reply.var.resize(count * sizeof(uint32_t));
    for (size_t i = 0; i < count; ++i) memcpy(reply.var.data() + i * sizeof(uint32_t), &running[i]->id, sizeof(uint32_t));
    out.id_count = static_cast<uint32_t>(count);
    reply.set(out);
}

void handle_terminate_job(Request& request, Reply& reply) {
    auto req = request.get<terminate_job_request>();
    auto job = resolve_job(request, req.job, access::job_terminate, reply);
    if (!job) return;
    Process& caller = *request.client.process;
    bool self = caller.job == job->state && !caller.ended;
    end_members(*job->state, req.exit_code, &caller);
    if (self) {
        caller.exit_code = req.exit_code;
        caller.exit_reported = true;
    }
    reply.set(terminate_job_reply{self ? 1u : 0u, 0});
}

void handle_process_in_job(Request& request, Reply& reply) {
    auto req = request.get<process_in_job_request>();
    uint32_t granted = 0;
    auto process = resolve_as<Process>(*request.client.process, req.process, ObjectType::process, &granted);
    if (!process) return reply.fail(status::invalid_handle);
    if (!(granted & (access::process_query_information | access::process_query_limited_information)))
        return reply.fail(status::access_denied);
    process_in_job_reply out{};
    if (!req.job) {
        out.in_job = process->job ? 1 : 0;
    } else {
        auto job = resolve_job(request, req.job, access::job_query, reply);
        if (!job) return;
        out.in_job = process->job == job->state ? 1 : 0;
    }
    reply.set(out);
}

}  // namespace vine::server
